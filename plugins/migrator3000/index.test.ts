import { createTestConnector, VirtualClock } from "@connectors/testkit";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import historical from "./fixtures/historical-autocapture.json" with { type: "json" };
import * as plugin from "./index.ts";
import { readSettings } from "./lib/read-settings.ts";
import { toCaptureElement } from "./lib/to-capture-event.ts";

const dir = import.meta.dirname;
const NOW = "2024-03-05T12:00:00.000Z";
const config = { host: "us.target-posthog.com", projectApiKey: "phc_new", startDate: "2024-01-01", posthogVersion: "Latest" };
const batch = [
  {
    event: "$autocapture", distinct_id: "d1", team_id: 9, uuid: "u1", now: "2024-02-01T08:00:01Z", sent_at: "2024-02-01T08:00:01Z", timestamp: "2024-02-01T08:00:00.000Z",
    properties: { $$is_historical_export_event: true, $elements: [{ tag_name: "a", text: "Buy", href: "/buy", attr_class: ["btn"], attributes: { "attr__data-x": "1" } }] },
  },
] as unknown as ProcessedPluginEvent[];

const make = (overrides: Record<string, unknown> = {}, options: { autoRunJobs?: boolean; clock?: VirtualClock } = {}) =>
  createTestConnector(dir, { module: plugin, config: { ...config, ...overrides }, ...options });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(NOW));
});
afterEach(() => vi.useRealTimers());

describe("migrator3000 sending", () => {
  it("re-captures the spec's historical batch at https://<host>/e", async () => {
    const connector = await make();
    connector.mocks.on("POST", "https://us.target-posthog.com/e", { json: { status: 1 } });
    await connector.exportEvents(batch);
    expect(connector.jobs.history.map((j) => j.name)).toEqual(["parseAndSendEvents"]);
    const [request] = connector.requests;
    expect([request!.method, request!.url, request!.headers, request!.status]).toEqual(["POST", "https://us.target-posthog.com/e", { "content-type": "application/json" }, 200]);
    expect(request!.body).toBe(
      JSON.stringify([
        {
          distinct_id: "d1", ip: null, event: "$autocapture",
          properties: { $$is_historical_export_event: true, $elements: [{ "attr__data-x": "1", tag_name: "a", attributes: { "attr__data-x": "1" }, $el_text: "Buy", attr__href: "/buy", attr__class: ["btn"] }] },
          timestamp: "2024-02-01T08:00:00.000Z", uuid: "u1", token: "phc_new",
        },
      ]),
    );
    expect(connector.logs.map((l) => l.message)).toEqual(["Flushing 1 event to us.target-posthog.com"]);
  });

  it("sends the real-shaped fixture without the source project's fields", async () => {
    const connector = await make();
    let sent: Array<Record<string, unknown>> = [];
    connector.mocks.on("POST", "https://us.target-posthog.com/e", (request) => ((sent = request.json()), { json: { status: 1 } }));
    const event = { ...structuredClone(historical), offset: 5, $token: "phc_old", project_id: 9, api_key: "phc_old" };
    await connector.runJob("parseAndSendEvents", { events: [event] });
    expect(Object.keys(sent[0]!).sort()).toEqual(["distinct_id", "event", "ip", "properties", "site_url", "timestamp", "token", "uuid"]);
    expect(sent[0]).toMatchObject({ token: "phc_new", timestamp: "2024-02-01T08:00:00.000Z" });
  });

  it("fills a missing timestamp with now, and leaves events without $elements alone", async () => {
    const connector = await make();
    let sent: Array<Record<string, unknown>> = [];
    connector.mocks.on("POST", "https://us.target-posthog.com/e", (request) => ((sent = request.json()), { json: { status: 1 } }));
    await connector.runJob("parseAndSendEvents", { events: [{ event: "x", distinct_id: "d", uuid: "u", properties: { a: 1 } }] });
    expect(sent).toEqual([{ event: "x", distinct_id: "d", uuid: "u", properties: { a: 1 }, token: "phc_new", timestamp: NOW }]);
  });

  it("skips live batches (judged by the first event) and, for 1.29, batches whose first event has a uuid", async () => {
    const connector = await make();
    await connector.exportEvents([{ ...batch[0]!, properties: {} }, batch[0]!]);
    expect(connector.requests).toEqual([]);
    const old = await make({ posthogVersion: "1.29.0" });
    await old.exportEvents(batch);
    expect(old.jobs.history).toEqual([]);
  });

  it("logs the response in debug mode", async () => {
    const connector = await make({ debug: "ON" });
    connector.mocks.on("POST", "https://us.target-posthog.com/e", { json: { status: 1 } });
    await connector.exportEvents(batch);
    expect(connector.logs[0]?.message).toBe('Response from us.target-posthog.com: 200 {"status":1}');
  });

  it("re-enqueues after a 5xx or network failure (3 s, 6 s ...) and reports the uuids after the 5th retry; a 4xx at once", async () => {
    const clock = new VirtualClock(NOW);
    const connector = await make({}, { clock });
    connector.mocks.on("POST", "https://us.target-posthog.com/e", { status: 502 });
    await connector.exportEvents(batch);
    expect(connector.jobs.pending.map((j) => [j.name, j.runAt - clock.now(), (j.payload as { retriesPerformedSoFar: number }).retriesPerformedSoFar])).toEqual([["parseAndSendEvents", 3000, 1]]);
    for (const wait of [3000, 6000, 12_000, 24_000, 48_000]) await clock.advance(wait);
    expect(connector.requests).toHaveLength(6);
    expect(connector.errors).toEqual([{ hook: "job parseAndSendEvents", message: expect.stringContaining("Could not send 1 event(s) to us.target-posthog.com: https://us.target-posthog.com/e answered 502 (event uuids: u1)") }]);

    const refused = await make();
    refused.mocks.on("POST", "https://us.target-posthog.com/e", { status: 401, json: { detail: "invalid token" } });
    await refused.exportEvents(batch);
    expect(refused.errors[0]?.message).toContain("answered 401 (event uuids: u1)");
    expect(refused.jobs.pending).toEqual([]);
  });
});

describe("migrator3000 scheduling", () => {
  it("starts the host's historical export from startDate, then from max_date, at most every 10 minutes (the spec's example)", async () => {
    const clock = new VirtualClock(NOW);
    clock.onChange((now) => vi.setSystemTime(now));
    const connector = await make({}, { autoRunJobs: false, clock });
    await connector.runTask("runEveryMinute");
    expect(connector.jobs.pending.map((j) => [j.name, j.payload])).toEqual([["Export historical events", { dateFrom: "2024-01-01T00:00:00.000Z", dateTo: NOW }]]);
    expect(await connector.meta.storage.get("max_date", null)).toBe(NOW);
    expect(await connector.meta.cache.get("last_run", null)).toBe(1_709_640_000_000);

    await clock.advance(9 * 60_000);
    await connector.runTask("runEveryMinute");
    expect(connector.jobs.pending).toHaveLength(1);
    await clock.advance(60_000);
    await connector.runTask("runEveryMinute");
    expect(connector.jobs.pending.at(-1)?.payload).toEqual({ dateFrom: NOW, dateTo: "2024-03-05T12:10:00.000Z" });
  });

  it("waits while an export is running, without touching last_run", async () => {
    const connector = await make({}, { autoRunJobs: false });
    await connector.meta.storage.set("is_export_running", true);
    await connector.runTask("runEveryMinute");
    expect(connector.jobs.pending).toEqual([]);
    expect(await connector.meta.cache.get("last_run", null)).toBeNull();
  });

  it("exports everything without a start date (dateFrom null)", async () => {
    const connector = await make({ startDate: "" }, { autoRunJobs: false });
    await connector.runTask("runEveryMinute");
    expect(connector.jobs.pending[0]?.payload).toEqual({ dateFrom: null, dateTo: NOW });
  });

  it("force restart: clears the running flag and restarts from the cursor, or fails without one", async () => {
    const connector = await make({}, { autoRunJobs: false });
    await connector.meta.storage.set("is_export_running", true);
    await connector.meta.storage.set("timestamp_cursor", Date.parse("2024-02-10T00:00:00Z"));
    connector.jobs.enqueue("[ADVANCED] Force restart", {}, Date.now());
    await connector.runDueJobs();
    expect(await connector.meta.storage.get("is_export_running", null)).toBeNull();
    // runDueJobs also drains the job it enqueued; the harness has no "Export historical events" job (see README).
    expect(connector.jobs.history.map((j) => [j.name, j.payload])).toEqual([
      ["[ADVANCED] Force restart", {}],
      ["Export historical events", { dateFrom: "2024-02-10T00:00:00.000Z", dateTo: NOW }],
    ]);
    expect(connector.errors).toEqual([{ hook: "job Export historical events", message: expect.stringContaining('job "Export historical events" not found') }]);

    const fresh = await make();
    await fresh.runJob("[ADVANCED] Force restart", {});
    expect(fresh.errors[0]?.message).toContain("Unable to restart correctly");
  });
});

describe("migrator3000 setup", () => {
  it("fails on an invalid start date with the original's log line", async () => {
    const connector = await make({ startDate: "first of never" });
    await expect(connector.setup()).rejects.toThrow(/Invalid start date/);
    expect(connector.logs.map((l) => l.message)).toContain("Failed to parse start date. Make sure to use the format YYYY-MM-DD");
  });

  it("reads versions, start date and host", () => {
    expect(readSettings({ ...config, posthogVersion: "1.30.0" })).toMatchObject({ major: 1, minor: 30, startDate: "2024-01-01T00:00:00.000Z", baseUrl: "https://us.target-posthog.com" });
    expect(readSettings({ ...config, posthogVersion: "1.30.0+" })).toMatchObject({ major: 1, minor: 31 });
    expect(readSettings({ ...config, host: "https://ph.example.com/" })).toMatchObject({ host: "ph.example.com", baseUrl: "https://ph.example.com" });
  });

  it("rewrites elements exactly like the original", () => {
    expect(toCaptureElement({ text: "t", attr_id: "i" })).toEqual({ $el_text: "t", attr__id: "i" });
  });
});
