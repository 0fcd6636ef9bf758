import { createEvent, createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import * as plugin from "./index.ts";
import { parseEventList } from "./lib/parse-event-list.ts";

const dir = import.meta.dirname;
const connect = (config: Record<string, unknown> = { events: "signup,purchase" }) => createTestConnector(dir, { module: plugin, config });

function event(name: string, distinctId: string, properties?: Record<string, unknown>): PluginEvent {
  const e = createEvent({ event: name, distinct_id: distinctId, properties: properties ?? {} });
  if (!properties) delete e.properties;
  return e;
}

describe("parseEventList", () => {
  it.each([
    ["signup,purchase", ["signup", "purchase"]],
    ["signup, purchase", ["signup", "purchase"]],
    [" a ,,b,", ["a", "b"]],
    ["", []],
    [undefined, []],
  ])("%j -> %j", (list, names) => {
    expect([...parseEventList(list)]).toEqual(names);
  });
});

describe("first-time-event-tracker", () => {
  it("flags first events ever and per user, in order (examples 1-4)", async () => {
    const connector = await connect();
    const first = await connector.processEvent(event("purchase", "alice", { amount: 5 }));
    expect(first?.properties).toEqual({ amount: 5, is_first_event_ever: true, is_first_event_for_user: true });
    expect(await connector.meta.storage.get("purchase_alice", null)).toBe(true);
    expect(await connector.meta.storage.get("purchase", null)).toBe(true);

    const bob = await connector.processEvent(event("purchase", "bob"));
    expect(bob?.properties).toEqual({ is_first_event_ever: false, is_first_event_for_user: true });
    expect(await connector.meta.storage.get("purchase_bob", null)).toBe(true);

    const again = await connector.processEvent(event("purchase", "alice", {}));
    expect(again?.properties).toEqual({ is_first_event_ever: false, is_first_event_for_user: false });

    const pageview = event("$pageview", "alice", { $current_url: "https://example.com" });
    expect(await connector.processEvent(structuredClone(pageview))).toEqual(pageview);
  });

  it("writes nothing when the user was already seen", async () => {
    const connector = await connect();
    await connector.meta.storage.set("signup_carol", true);
    const out = await connector.processEvent(event("signup", "carol", {}));
    expect(out?.properties).toEqual({ is_first_event_ever: true, is_first_event_for_user: false });
    expect(await connector.meta.storage.get("signup", "unset")).toBe("unset");
  });

  it("tracks each configured event separately", async () => {
    const connector = await connect();
    await connector.processEvent(event("purchase", "alice", {}));
    const signup = await connector.processEvent(event("signup", "alice", {}));
    expect(signup?.properties).toEqual({ is_first_event_ever: true, is_first_event_for_user: true });
  });

  it("trims names in the list (example 5, fixed: the original tracked \" purchase\")", async () => {
    const connector = await connect({ events: "signup, purchase" });
    const out = await connector.processEvent(event("purchase", "alice", {}));
    expect(out?.properties).toEqual({ is_first_event_ever: true, is_first_event_for_user: true });
  });

  it("keeps the documented key collision between event names and distinct IDs", async () => {
    const connector = await connect({ events: "signup,signup_u1" });
    await connector.processEvent(event("signup", "u1", {}));
    const out = await connector.processEvent(event("signup_u1", "x", {}));
    expect(out?.properties?.is_first_event_ever).toBe(false);
  });

  it("rejects a config without events and a config with unknown keys", async () => {
    await expect(connect({})).rejects.toThrow(/events/);
    await expect(connect({ events: "a", evnts: "b" })).rejects.toThrow(/evnts/);
  });

  it("tracks nothing when setup sees no events (fixed: the original threw)", async () => {
    const global: Record<string, unknown> = {};
    plugin.setupPlugin({ config: {}, global } as never);
    expect(global.eventsToTrack).toEqual(new Set());
  });

  it("lets a storage failure fail the event", async () => {
    const connector = await connect();
    connector.meta.storage.get = () => Promise.reject(new Error("storage down"));
    await expect(connector.processEvent(event("purchase", "alice", {}))).rejects.toThrow(/storage down/);
  });
});
