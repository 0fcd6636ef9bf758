import { createEvent, createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import autocapture from "./fixtures/autocapture.json" with { type: "json" };
import * as plugin from "./index.ts";

const dir = import.meta.dirname;

async function flatten(separator: string, properties: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const connector = await createTestConnector(dir, { module: plugin, config: { separator } });
  return (await connector.processEvent(createEvent({ event: "e", properties })))?.properties;
}

describe("flatten-properties", () => {
  it("adds flattened keys after the originals (example 1)", async () => {
    const product = { name: "AZ12", size: { number: 12, gender: "M" } };
    const out = await flatten("__", { product, qty: 1 });
    expect(out).toEqual({ product, qty: 1, product__name: "AZ12", product__size__number: 12, product__size__gender: "M" });
    expect(Object.keys(out!)).toEqual(["product", "qty", "product__name", "product__size__number", "product__size__gender"]);
  });

  it("handles arrays, empty containers and null (example 2)", async () => {
    const properties = { a: { b: {} }, c: [], d: {}, e: [1, [2, 3]], f: null };
    expect(await flatten(".", structuredClone(properties))).toEqual({ ...properties, "a.b": {}, "e.0": 1, "e.1.0": 2, "e.1.1": 3 });
  });

  it("flattens $set_once into itself and overwrites colliding keys (example 3)", async () => {
    const out = await flatten("/", { $set_once: { a: [{ b: 1 }] }, "x/y": "old", x: { y: "new" } });
    expect(out).toEqual({ $set_once: { a: [{ b: 1 }], "a/0/b": 1 }, "x/y": "new", x: { y: "new" } });
    expect(Object.keys(out!)).toEqual(["$set_once", "x/y", "x"]);
  });

  it("flattens $set into itself, never to the top level", async () => {
    const out = await flatten("__", { $set: { address: { zip: "69001" }, plan: "pro" } });
    expect(out).toEqual({ $set: { address: { zip: "69001" }, plan: "pro", address__zip: "69001" } });
  });

  it("skips hidden keys at any depth (example 4)", async () => {
    const properties = { $groups: { company: "x" }, g: { $groups: { z: 1 }, k: 2 }, $elements: [{ tag: "a" }], $active_feature_flags: ["f"] };
    expect(await flatten("__", structuredClone(properties))).toEqual({ ...properties, g__k: 2 });
  });

  it("leaves $autocapture events unchanged (example 5)", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { separator: "__" } });
    expect(await connector.processEvent(structuredClone(autocapture))).toEqual(autocapture);
  });

  it("leaves an event without properties unchanged", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { separator: "__" } });
    const event = createEvent({ event: "$identify" });
    delete event.properties;
    expect(await connector.processEvent(structuredClone(event))).toEqual(event);
  });

  it("emits undefined leaves as they are", async () => {
    const out = await flatten("__", { a: { b: undefined, c: 1 } });
    expect(out).toHaveProperty("a__b", undefined);
    expect(out).toHaveProperty("a__c", 1);
  });

  it("keeps the same event object and leaves the nested originals untouched", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { separator: ">" } });
    const event = createEvent({ properties: { a: { b: 1 } } });
    const out = await connector.processEvent(event);
    expect(out).toBe(event);
    expect(out?.properties).toEqual({ a: { b: 1 }, "a>b": 1 });
  });

  it("treats only top-level $set/$set_once as special (fixed: nested ones are flattened)", async () => {
    expect(await flatten("__", { a: { $set: { x: 1 } } })).toEqual({ a: { $set: { x: 1 } }, a__$set__x: 1 });
  });

  it.each([[null], ["string"], [[1, 2]], [5]])("leaves a top-level $set of %j unchanged (fixed: no throw, no character keys)", async ($set) => {
    expect(await flatten("__", { $set, $set_once: $set, k: { v: 1 } })).toEqual({ $set, $set_once: $set, k: { v: 1 }, k__v: 1 });
  });

  it.each([[undefined], [""]])("defaults the separator to __ when it is %j (fixed; called directly)", (separator) => {
    const out = plugin.processEvent(createEvent({ properties: { a: { b: 1 } } }), { config: { separator } } as never);
    expect(out.properties).toEqual({ a: { b: 1 }, a__b: 1 });
  });

  it("uses the plugin.json default separator __", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: {} });
    expect((await connector.processEvent(createEvent({ properties: { a: { b: 1 } } })) as PluginEvent).properties).toHaveProperty("a__b", 1);
  });

  it.each([[{ separator: "-" }], [{ separator: 1 }], [{ separator: "" }]])("rejects config %j with a clear setup error", async (config) => {
    await expect(createTestConnector(dir, { module: plugin, config })).rejects.toThrow(/config.separator/);
  });
});
