import { createEvent, createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import batch from "./fixtures/checkout-started.json" with { type: "json" };
import * as plugin from "./index.ts";

const dir = import.meta.dirname;

async function rename(defaultNamingConvention: string, name: string): Promise<string | undefined> {
  const connector = await createTestConnector(dir, { module: plugin, config: { defaultNamingConvention } });
  return (await connector.processEvent(createEvent({ event: name })))?.event;
}

function run(defaultNamingConvention: string, names: string[]): string[] {
  const events = names.map((event) => createEvent({ event }));
  return plugin.processEventBatch(events, { config: { defaultNamingConvention } } as never).map((e) => e.event);
}

describe("taxonomy", () => {
  it.each([
    ["camelCase", "order_completed", "orderCompleted"],
    ["camelCase", "Order Completed", "order Completed"],
    ["camelCase", "user signed_up", "user signedUp"],
    ["camelCase", "HTTPRequest", "hTTPRequest"],
    ["camelCase", "already", "already"],
    ["camelCase", "order-completed", "orderCompleted"],
    ["snake_case", "orderCompleted", "order_completed"],
    ["snake_case", "OrderCompleted", "order_completed"],
    ["snake_case", "order-completed", "order_completed"],
    ["snake_case", "HTTPRequest", "h_t_t_p_request"],
    ["snake_case", "user_ID", "user__i_d"],
    ["snake_case", "order-2-placed", "order-2_placed"],
    ["snake_case", "order_completed", "order_completed"],
    ["kebab-case", "order completed", "order-completed"],
    ["kebab-case", "hello-world_foo", "hello-world-foo"],
    ["kebab-case", "Button Clicked", "button -clicked"],
    ["PascalCase", "order_completed", "OrderCompleted"],
    ["PascalCase", "Sign Up", "Sign Up"],
    ["PascalCase", "signed up", "SignedUp"],
    ["spaces in between", "orderCompleted", "order completed"],
    ["spaces in between", "ABC", "a b c"],
    ["spaces in between", "Hello World", "hello  world"],
    ["spaces in between", "order\tcompleted", "order\tcompleted"],
    ["camelCase", "order\tcompleted", "orderCompleted"],
    ["camelCase", "step_2_done", "step_2Done"],
  ])("%s: %j -> %j (examples 1-5)", async (target, name, expected) => {
    expect(await rename(target, name)).toBe(expected);
  });

  it.each([["camelCase"], ["PascalCase"], ["snake_case"], ["kebab-case"], ["spaces in between"]])("leaves $ events and survey events alone under %s (example 6, fixed)", (target) => {
    const names = ["$pageview", "$feature_flag_called", "$create_alias", "$Identify", "survey shown", "survey sent", "survey dismissed"];
    expect(run(target, names)).toEqual(names);
  });

  it("keeps the empty name", () => {
    expect(run("snake_case", [""])).toEqual([""]);
  });

  it("renames a batch in place, same array, same order, properties untouched (full example)", () => {
    const events = structuredClone(batch) as PluginEvent[];
    const out = plugin.processEventBatch(events, { config: { defaultNamingConvention: "kebab-case" } } as never);
    expect(out).toBe(events);
    expect(out).toEqual([{ ...batch[0], event: "checkout-started" }, batch[1]]);
  });

  it("behaves as a batch of one through the harness's processEvent", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { defaultNamingConvention: "kebab-case" } });
    const out = await connector.processEvent(structuredClone(batch[0]) as PluginEvent);
    expect(out).toEqual({ ...batch[0], event: "checkout-started" });
  });

  it("exports only processEventBatch (batch-only, as the original)", async () => {
    expect(Object.keys(plugin).sort()).toEqual(["processEventBatch", "setupPlugin"]);
  });

  it("converts with respect to the first detected style only", () => {
    expect(run("snake_case", ["myEvent-name"])).toEqual(["my_event-name"]);
  });

  it("ignores events without a string name and events without properties", () => {
    const noName = { ...createEvent(), event: undefined } as unknown as PluginEvent;
    const noProps = createEvent({ event: "orderCompleted" });
    delete noProps.properties;
    const out = plugin.processEventBatch([noName, noProps], { config: { defaultNamingConvention: "snake_case" } } as never);
    expect(out.map((e) => e.event)).toEqual([undefined, "order_completed"]);
    expect(out[1]).not.toHaveProperty("properties");
  });

  it("throws a clear error for an unknown convention (called directly)", () => {
    expect(() => run("SCREAMING_CASE", ["a"])).toThrow('Unknown naming convention: "SCREAMING_CASE"');
    expect(() => plugin.setupPlugin({ config: {} } as never)).toThrow("Unknown naming convention: undefined");
  });

  it("uses camelCase by default", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: {} });
    expect((await connector.processEvent(createEvent({ event: "order_completed" })))?.event).toBe("orderCompleted");
  });

  it.each([[{ defaultNamingConvention: "SCREAMING_CASE" }], [{ defaultNamingConvention: "" }]])("rejects config %j with a clear setup error", async (config) => {
    await expect(createTestConnector(dir, { module: plugin, config })).rejects.toThrow(/config.defaultNamingConvention/);
  });
});
