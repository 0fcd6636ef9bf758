import { createEvent, createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import internal from "./fixtures/internal-event.json" with { type: "json" };
import * as plugin from "./index.ts";

const dir = import.meta.dirname;

async function run(config: Record<string, unknown>, properties: Record<string, unknown>): Promise<PluginEvent | null> {
  const connector = await createTestConnector(dir, { module: plugin, config });
  return connector.processEvent(createEvent({ event: "e", properties }));
}

describe("drop-events-on-property", () => {
  it("drops every event carrying the key when no values are set (example 1)", async () => {
    expect(await run({ property_key: "is_internal" }, { is_internal: true })).toBeNull();
    const kept = await run({ property_key: "is_internal" }, { other: 1 });
    expect(kept?.properties).toEqual({ other: 1 });
  });

  it("keeps the same event object, unchanged", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { property_key: "is_internal" } });
    const event = createEvent({ properties: { other: 1 } });
    const copy = structuredClone(event);
    const out = await connector.processEvent(event);
    expect(out).toBe(event);
    expect(out).toEqual(copy);
  });

  it.each([
    ["dev", null],
    ["staging", null],
    ["prod", "kept"],
    ["Dev", "kept"],
  ])("matches listed values case-sensitively: env %s (example 2)", async (env, expected) => {
    const out = await run({ property_key: "env", property_values: "staging,dev" }, { env });
    expect(out === null ? null : "kept").toBe(expected);
  });

  it("trims the listed values (example 3, fixed)", async () => {
    expect(await run({ property_key: "env", property_values: "staging, dev" }, { env: "dev" })).toBeNull();
    const connector = await createTestConnector(dir, { module: plugin, config: { property_key: "env", property_values: "staging, dev" } });
    expect(await connector.processEvent(structuredClone(internal))).toBeNull();
  });

  it.each([
    [1, null],
    [0, null],
    [2, "kept"],
  ])("matches numbers by their text: tier %j with values 0,1 (example 4, fixed)", async (tier, expected) => {
    const out = await run({ property_key: "tier", property_values: "0,1" }, { tier });
    expect(out === null ? null : "kept").toBe(expected);
  });

  it("matches booleans by their text", async () => {
    expect(await run({ property_key: "beta", property_values: "true" }, { beta: true })).toBeNull();
    expect(await run({ property_key: "beta", property_values: "true" }, { beta: false })).not.toBeNull();
  });

  it.each([[0], [false], [""]])("counts a falsy value %j as present (fixed)", async (value) => {
    expect(await run({ property_key: "flag" }, { flag: value })).toBeNull();
  });

  it.each([[null], [undefined]])("does not count %j as present", async (value) => {
    expect(await run({ property_key: "flag" }, { flag: value })).not.toBeNull();
  });

  it.each([[" "], [" , ,"], [""]])("treats blank property_values %j like absent: drops on presence", async (property_values) => {
    expect(await run({ property_key: "env", property_values }, { env: "prod" })).toBeNull();
  });

  it("keeps an event without properties (example 5)", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { property_key: "env" } });
    const event = createEvent({ event: "$identify" });
    delete event.properties;
    expect(await connector.processEvent(structuredClone(event))).toEqual(event);
  });

  it("keeps every event when property_key is missing (called directly; the harness rejects that config)", () => {
    const event = createEvent({ properties: { undefined: "x", env: "dev" } });
    expect(plugin.processEvent(event, { config: {} } as never)).toBe(event);
  });

  it.each([[{}], [{ property_key: "" }], [{ property_key: 5 }]])("rejects config %j with a clear setup error", async (config) => {
    await expect(createTestConnector(dir, { module: plugin, config })).rejects.toThrow(/property_key/);
  });
});
