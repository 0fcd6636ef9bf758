import { createEvent, createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it, vi } from "vitest";
import purchase from "./fixtures/purchase.json" with { type: "json" };
import * as plugin from "./index.ts";

const dir = import.meta.dirname;

async function run(event: PluginEvent): Promise<PluginEvent | null> {
  const connector = await createTestConnector(dir, { module: plugin });
  return connector.processEvent(event);
}

describe("timestamp-parser", () => {
  it("adds weekday, day, month, year, hour and minute as numbers (example 1)", async () => {
    const out = await run(structuredClone(purchase));
    expect(out).toEqual({
      ...purchase,
      properties: { $time: 1609459199, sku: "A1", $lib: "web", day_of_the_week: "Thursday", day: 31, month: 12, year: 2020, hour: 23, minute: 59 },
    });
  });

  it("reads numeric strings with fractional seconds (example 2)", async () => {
    const out = await run(createEvent({ event: "x", properties: { $time: "1640995200.25" } }));
    expect(out?.properties).toEqual({ $time: "1640995200.25", day_of_the_week: "Saturday", day: 1, month: 1, year: 2022, hour: 0, minute: 0 });
  });

  it("overwrites existing calendar properties", async () => {
    const out = await run(createEvent({ properties: { $time: 1609459199, day: "27", month: "01", hour: 5 } }));
    expect(out?.properties).toMatchObject({ day: 31, month: 12, hour: 23, minute: 59, year: 2020 });
  });

  it.each([
    ["no $time", { sku: "A1" }],
    ["$time 0", { $time: 0 }],
    ["$time empty string", { $time: "" }],
    ["$time null", { $time: null }],
    ["$time non-numeric", { $time: "yesterday" }],
    ["$time boolean", { $time: true }],
    ["$time object", { $time: { seconds: 1 } }],
    ["$time out of the Date range (fixed: no Invalid Date)", { $time: 1e20 }],
  ])("leaves the event unchanged with %s (example 3)", async (_what, properties) => {
    const event = createEvent({ properties });
    expect(await run(structuredClone(event))).toEqual(event);
  });

  it("leaves an event without properties unchanged and never drops it (example 3)", async () => {
    const event = createEvent({ event: "$identify" });
    delete event.properties;
    expect(await run(structuredClone(event))).toEqual(event);
  });

  it("ignores the event's own timestamp field", async () => {
    const out = await run(createEvent({ timestamp: "2030-06-15T12:00:00.000Z", properties: { $time: 1609459199 } }));
    expect(out?.properties).toMatchObject({ year: 2020, month: 12 });
  });

  it("computes in UTC whatever the host time zone (example 4, fixed)", async () => {
    vi.stubEnv("TZ", "America/New_York");
    expect(new Date(1640995200_000).getHours()).toBe(19);
    const out = await run(createEvent({ properties: { $time: 1640995200 } }));
    expect(out?.properties).toMatchObject({ day_of_the_week: "Saturday", day: 1, month: 1, year: 2022, hour: 0, minute: 0 });
    vi.unstubAllEnvs();
  });

  it("rejects config keys (it has no config) with a clear setup error", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { name: "x" } })).rejects.toThrow(/name/);
  });
});
