import { createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import * as plugin from "./index.ts";
import { extractEventsToTrack } from "./lib/extract-events-to-track.ts";

const dir = import.meta.dirname;
const PAIRS = "(viewed pricing,signed up),(signed up,first purchase)";
const connect = (config: Record<string, unknown> = { eventsToTrack: PAIRS, updateTimestamp: "Yes" }) => createTestConnector(dir, { module: plugin, config });

function event(name: string, timestamp: string | undefined, properties?: Record<string, unknown>, distinctId = "u1"): PluginEvent {
  const e = { event: name, distinct_id: distinctId, team_id: 2, uuid: "00000000-0000-4000-8000-000000000001", ip: null, site_url: "", now: "", timestamp, properties } as PluginEvent;
  if (timestamp === undefined) delete (e as Partial<PluginEvent>).timestamp;
  if (properties === undefined) delete e.properties;
  return e;
}

describe("extractEventsToTrack", () => {
  it.each([
    ["(a,b),(c, d e )", [["a", "b"], ["c", "d e"]]],
    ["(page a,page b)", [["page a", "page b"]]],
    ["(a,b),(a,c),(c,b)", [["a", "b"], ["a", "c"], ["c", "b"]]],
  ])("parses %j", (text, pairs) => {
    expect(extractEventsToTrack(text)).toEqual(pairs);
  });

  it.each([["(a,b),(c,d),"], ["(a,b) ,(c,d)"], ["(a,b,c)"], [""], ["(a,b)(c,d)"], [" (a,b)"], ["a,b"], ["(a,)"], ["( ,b)"], ["((a,b))"]])("refuses %j", (text) => {
    expect(() => extractEventsToTrack(text)).toThrow("Unable to extract events to track");
  });
});

describe("event-sequence-timer", () => {
  it("times each step of the sequence (examples 1-4)", async () => {
    const connector = await connect();
    const first = event("viewed pricing", "2024-01-01T10:00:00.000Z", {});
    expect(await connector.processEvent(structuredClone(first))).toEqual(first);
    expect(await connector.meta.storage.get("viewed pricing_u1", null)).toBe(1704103200000);

    const second = await connector.processEvent(event("signed up", "2024-01-01T10:05:00.000Z", { plan: "free" }));
    expect(second?.properties).toEqual({ plan: "free", time_since_viewed_pricing: 300000 });
    expect(await connector.meta.storage.get("signed up_u1", null)).toBe(1704103500000);

    const third = await connector.processEvent(event("first purchase", "2024-01-01T11:05:00.000Z", {}));
    expect(third?.properties).toEqual({ time_since_signed_up: 3600000 });

    const other = event("first purchase", "2024-01-01T11:06:00.000Z", undefined, "u2");
    expect(await connector.processEvent(structuredClone(other))).toEqual(other);
  });

  it.each([
    ["Yes", 120000],
    ["No", 240000],
    [undefined, 240000],
  ])("with updateTimestamp %j tracks last or first touch (example 5)", async (updateTimestamp, elapsed) => {
    const connector = await connect({ eventsToTrack: "(a,b)", ...(updateTimestamp ? { updateTimestamp } : { updateTimestamp: "" }) });
    await connector.processEvent(event("a", "2024-01-01T10:00:00.000Z", {}));
    await connector.processEvent(event("a", "2024-01-01T10:02:00.000Z", {}));
    const out = await connector.processEvent(event("b", "2024-01-01T10:04:00.000Z", {}));
    expect(out?.properties).toEqual({ time_since_a: elapsed });
  });

  it("replaces only the first space in the property name and allows negative differences", async () => {
    const connector = await connect({ eventsToTrack: "(viewed pricing page,b)" });
    await connector.processEvent(event("viewed pricing page", "2024-01-01T10:00:00.000Z", {}));
    const out = await connector.processEvent(event("b", "2024-01-01T09:59:00.000Z", {}));
    expect(out?.properties).toEqual({ "time_since_viewed_pricing page": -60000 });
  });

  it("measures a second event paired with several first events", async () => {
    const connector = await connect({ eventsToTrack: "(a,c),(b,c)" });
    await connector.processEvent(event("a", "2024-01-01T10:00:00.000Z", {}));
    await connector.processEvent(event("b", "2024-01-01T10:01:00.000Z", {}));
    const out = await connector.processEvent(event("c", "2024-01-01T10:03:00.000Z"));
    expect(out?.properties).toEqual({ time_since_a: 180000, time_since_b: 120000 });
  });

  it("reads the time from timestamp, properties.timestamp, now, sent_at, then $time", async () => {
    const connector = await connect({ eventsToTrack: "(a,b)" });
    await connector.processEvent(event("a", undefined, { timestamp: "2024-01-01T10:00:00.000Z" }));
    const viaNow = { ...event("b", undefined, {}), now: "2024-01-01T10:00:01.000Z" };
    expect((await connector.processEvent(viaNow))?.properties).toEqual({ time_since_a: 1000 });
    const viaSentAt = { ...event("b", undefined, {}), sent_at: "2024-01-01T10:00:02.000Z" };
    expect((await connector.processEvent(viaSentAt))?.properties).toEqual({ time_since_a: 2000 });
    const viaTime = event("b", undefined, { $time: 1704103203000 });
    expect((await connector.processEvent(viaTime))?.properties).toEqual({ $time: 1704103203000, time_since_a: 3000 });
  });

  it("skips events without a usable time and never adds `working` (fixed)", async () => {
    const connector = await connect({ eventsToTrack: "(a,b)" });
    const noTime = event("a", "not a date", {});
    expect(await connector.processEvent(structuredClone(noTime))).toEqual(noTime);
    expect(await connector.meta.storage.get("a_u1", null)).toBeNull();
    const bare = event("a", undefined);
    expect(await connector.processEvent(structuredClone(bare))).toEqual(bare);
  });

  it("creates properties only when a time_since property is written", async () => {
    const connector = await connect({ eventsToTrack: "(a,b)" });
    await connector.processEvent(event("a", "2024-01-01T10:00:00.000Z"));
    const out = await connector.processEvent(event("b", "2024-01-01T10:00:05.000Z"));
    expect(out?.properties).toEqual({ time_since_a: 5000 });
  });

  it.each([["(a,b),(c,d),"], ["(a,b)(c,d)"], ["a,b"]])("fails setup on %j with a clear message", async (eventsToTrack) => {
    const connector = await connect({ eventsToTrack });
    await expect(connector.setup()).rejects.toThrow("Unable to parse your config. Please make sure you are using the commas and parentheses correctly.");
  });

  it("rejects a missing list and an unknown updateTimestamp", async () => {
    await expect(connect({})).rejects.toThrow(/eventsToTrack/);
    await expect(connect({ eventsToTrack: "(a,b)", updateTimestamp: "Sometimes" })).rejects.toThrow(/updateTimestamp/);
  });
});
