import { createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import purchase from "./fixtures/purchase.json" with { type: "json" };
import * as plugin from "./index.ts";

const dir = import.meta.dirname;
const EVENT_AND_TIMESTAMP = "Event and Timestamp";
const ALL_PROPERTIES = "All Properties";

function event(overrides: Partial<PluginEvent> = {}): PluginEvent {
  return { team_id: 1, distinct_id: "user-1", event: "purchase", timestamp: "2023-01-01T00:00:00.000Z", uuid: "0188f0c2-0000-0000-0000-000000000000", ip: null, site_url: "", now: "", properties: { amount: 10 }, ...overrides } as PluginEvent;
}

async function uuidOf(dedupMode: string, overrides: Partial<PluginEvent> = {}): Promise<string | undefined> {
  const connector = await createTestConnector(dir, { module: plugin, config: { dedupMode } });
  return (await connector.processEvent(event(overrides)))?.uuid;
}

describe("unduplicates", () => {
  it("derives the uuid from team, distinct ID, event and timestamp (example 1 and the full shape)", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { dedupMode: EVENT_AND_TIMESTAMP } });
    const out = await connector.processEvent(structuredClone(purchase));
    expect(out).toEqual({ ...purchase, uuid: "798d0ae2-ad14-5ddd-bbe9-91a8fd184500" });
    expect(await uuidOf(EVENT_AND_TIMESTAMP, { properties: { amount: 11 } })).toBe("798d0ae2-ad14-5ddd-bbe9-91a8fd184500");
  });

  it.each([
    [{ properties: { amount: 10 } }, "1ec0b68c-13e4-5270-9e2e-5c22bcfa790e"],
    [{ properties: { amount: 11 } }, "f44363eb-634b-5fd8-99e5-2f21e4e80ba2"],
    [{ properties: {} }, "f41e285b-8ec6-577d-8990-95822840c023"],
    [{ properties: undefined }, "6049a31b-46f8-50d2-a5de-c4585a6c6e3b"],
  ])("includes the properties in All Properties mode (example 2: %j)", async (overrides, uuid) => {
    const input = event(overrides);
    if (overrides.properties === undefined) delete input.properties;
    const connector = await createTestConnector(dir, { module: plugin, config: { dedupMode: ALL_PROPERTIES } });
    expect((await connector.processEvent(input))?.uuid).toBe(uuid);
  });

  it("scopes duplicates per project (example 3)", async () => {
    expect(await uuidOf(EVENT_AND_TIMESTAMP, { team_id: 2 })).toBe("91c5a67f-2284-5db6-9dc4-be8e079ba12b");
  });

  it("keeps the original's quirks: raw timestamp text and property order matter", async () => {
    const a = await uuidOf(EVENT_AND_TIMESTAMP, { timestamp: "2023-01-01T00:00:00.000Z" });
    expect(await uuidOf(EVENT_AND_TIMESTAMP, { timestamp: "2023-01-01T00:00:00.000000Z" })).not.toBe(a);
    const ab = await uuidOf(ALL_PROPERTIES, { properties: { a: 1, b: 2 } });
    expect(await uuidOf(ALL_PROPERTIES, { properties: { b: 2, a: 1 } })).not.toBe(ab);
  });

  it("writes a version 5, RFC 4122 variant uuid", async () => {
    expect(await uuidOf(EVENT_AND_TIMESTAMP, { distinct_id: "someone-else" })).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("leaves an event without timestamp unchanged and says why (example 4)", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { dedupMode: EVENT_AND_TIMESTAMP } });
    const input = event();
    delete (input as Partial<PluginEvent>).timestamp;
    expect(await connector.processEvent(structuredClone(input))).toEqual(input);
    expect(connector.logs.filter((l) => l.source === "console").map((l) => [l.level, l.message])).toEqual([
      ["info", "Received event without a timestamp, the event will not be processed because deduping will not work."],
    ]);
  });

  it("reads missing identity fields as the text undefined instead of failing", async () => {
    const input = event();
    delete (input as Partial<PluginEvent>).distinct_id;
    const connector = await createTestConnector(dir, { module: plugin, config: { dedupMode: EVENT_AND_TIMESTAMP } });
    expect((await connector.processEvent(input))?.uuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([[{}], [{ dedupMode: "Everything" }], [{ dedupMode: "" }]])("rejects config %j with a clear error", async (config) => {
    await expect(createTestConnector(dir, { module: plugin, config })).rejects.toThrow(/dedupMode/);
  });
});
