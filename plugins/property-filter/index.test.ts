import { createEvent, createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import signup from "./fixtures/signup.json" with { type: "json" };
import * as plugin from "./index.ts";

const dir = import.meta.dirname;

async function run(properties: string, event: PluginEvent): Promise<PluginEvent | null> {
  const connector = await createTestConnector(dir, { module: plugin, config: { properties } });
  return connector.processEvent(event);
}

describe("property-filter", () => {
  it("removes listed properties and the top-level ip for $ip (example 1)", async () => {
    const event = createEvent({ event: "signup", ip: "203.0.113.9", distinct_id: "u1", properties: { $ip: "203.0.113.9", email: "a@b.c", plan: "pro" } });
    const out = await run("email,$ip", event);
    const { ip: _ip, ...rest } = event;
    expect(out).toEqual({ ...rest, properties: { plan: "pro" } });
    expect(out).not.toHaveProperty("ip");
  });

  it("removes a nested path and keeps siblings at every level (example 2, fixed)", async () => {
    const out = await run("user.address.street", createEvent({ event: "e", properties: { user: { name: "N", address: { street: "Main 1", city: "X" } }, k: 1 } }));
    expect(out?.properties).toEqual({ user: { name: "N", address: { city: "X" } }, k: 1 });
  });

  it("keeps siblings of intermediate objects (the original lost them)", async () => {
    const out = await run("foo.bar.baz", createEvent({ properties: { foo: { bar: { baz: 1, keep: 2 }, other: 3 } } }));
    expect(out?.properties).toEqual({ foo: { bar: { keep: 2 }, other: 3 } });
  });

  it("changes nothing for a missing path or a missing leaf (example 3, fixed)", async () => {
    const properties = { $set: { pet: "dog" }, x: 1 };
    const out = await run("nope.x,$set.plan", createEvent({ event: "e", properties: structuredClone(properties) }));
    expect(out?.properties).toEqual(properties);
  });

  it.each([
    ["a string", { a: "text" }],
    ["a number", { a: 5 }],
    ["null", { a: null }],
    ["an array", { a: [{ b: 1 }] }],
  ])("changes nothing when an intermediate value is %s", async (_what, properties) => {
    const out = await run("a.b", createEvent({ properties: structuredClone(properties) }));
    expect(out?.properties).toEqual(properties);
  });

  it("gives an event without properties an empty properties object and keeps ip (example 4)", async () => {
    const event = createEvent({ event: "e", ip: "1.1.1.1" });
    delete event.properties;
    expect(await run("a", structuredClone(event))).toEqual({ ...event, properties: {} });
  });

  it("trims entries (example 5, fixed) and ignores empty ones", async () => {
    const out = await run("email, name,, ", createEvent({ properties: { email: "a@b.c", name: "N", plan: "pro" } }));
    expect(out?.properties).toEqual({ plan: "pro" });
  });

  it("does not mutate the input event or its nested objects", async () => {
    const input = structuredClone(signup) as PluginEvent;
    const out = await run("email,$ip,user.address.street", input);
    expect(input).toEqual(signup);
    expect(out).not.toBe(input);
    expect(out).toEqual({
      ...Object.fromEntries(Object.entries(signup).filter(([k]) => k !== "ip")),
      properties: { plan: "pro", user: { name: "N", address: { city: "X" } } },
    });
  });

  it("never drops an event, even when every property is removed", async () => {
    const out = await run("a,b", createEvent({ properties: { a: 1, b: 2 } }));
    expect(out?.properties).toEqual({});
  });

  it("ignores entries the event does not have", async () => {
    const out = await run("absent", createEvent({ properties: { a: 1 } }));
    expect(out?.properties).toEqual({ a: 1 });
  });

  it("treats a missing properties config as nothing to filter (called directly; the harness rejects it)", () => {
    const global: Record<string, unknown> = {};
    plugin.setupPlugin({ config: {}, global } as never);
    expect(global.propertiesToFilter).toEqual([]);
    const event = createEvent({ properties: { a: 1 } });
    expect(plugin.processEvent(event, { config: {}, global } as never)).toEqual(event);
  });

  it.each([[{}], [{ properties: "" }], [{ properties: 1 }]])("rejects config %j with a clear setup error", async (config) => {
    await expect(createTestConnector(dir, { module: plugin, config })).rejects.toThrow(/config.properties/);
  });
});
