import { createSyncedClock, createTestConnector } from "@connectors/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as plugin from "./index.ts";
import { normalizeHost } from "./lib/normalize-host.ts";

const dir = import.meta.dirname;
const config = { timeRange: "15", posthogHost: "https://ph.test", posthogApiKey: "phx_1", webHookUrlTriggered: "https://hooks.test/down", webHookUrlResolved: "https://hooks.test/up" };
const EVENTS_URL = "https://ph.test/api/event?after=2024-05-01T09%3A45%3A00.000Z&refresh=true";

/** Clocks here also move `Date`: the connector reads the time from `Date`. */
const syncedClock = (start = "2024-05-01T10:00:00.000Z") => createSyncedClock(vi, start);

async function connect(overrides: Record<string, unknown> = {}, clock = syncedClock()) {
  const connector = await createTestConnector(dir, { module: plugin, clock, config: { ...config, ...overrides } });
  const seen: Array<{ url: string; authorization?: string }> = [];
  const record = (request: { url: string; headers: Record<string, string> }) => void seen.push({ url: request.url, authorization: request.headers.authorization });
  return { connector, clock, seen, record };
}

afterEach(() => vi.useRealTimers());

describe("ingestion-alert", () => {
  it("triggers the alert when no events arrived in the window (example A)", async () => {
    const { connector, seen, record } = await connect();
    connector.mocks.on("GET", EVENTS_URL, (r) => (record(r), { json: { next: null, results: [] } }));
    connector.mocks.on("GET", "https://hooks.test/down", (r) => (record(r), { body: "ok" }));
    await connector.runTask("runEveryMinute");
    expect(seen).toEqual([{ url: EVENTS_URL, authorization: "Bearer phx_1" }, { url: "https://hooks.test/down", authorization: undefined }]);
    expect(await connector.meta.cache.get("active_alert", "missing")).toBe("no_events");
    expect(connector.captured).toEqual([]);
    expect(connector.requests[0]!.headers.authorization).not.toContain("phx_1");
  });

  it("resolves an open alert once events flow again (example B)", async () => {
    const { connector } = await connect();
    await connector.meta.cache.set("active_alert", "no_events");
    connector.mocks.on("GET", EVENTS_URL, { json: { next: null, results: [{ id: "e1", event: "$pageview" }] } });
    connector.mocks.on("GET", "https://hooks.test/up", { body: "ok" });
    await connector.runTask("runEveryMinute");
    expect(connector.requests.map((r) => r.url)).toEqual([EVENTS_URL, "https://hooks.test/up"]);
    expect(await connector.meta.cache.get("active_alert", null)).toBeNull();
    expect(connector.logs.map((l) => l.message)).toContain("Resolved ingestion alert no_events");
  });

  it("does not repeat the trigger while still down (example C)", async () => {
    const { connector } = await connect();
    await connector.meta.cache.set("active_alert", "no_events");
    connector.mocks.on("GET", EVENTS_URL, { json: { next: null, results: [] } });
    await connector.runTask("runEveryMinute");
    expect(connector.requests.map((r) => r.url)).toEqual([EVENTS_URL]);
    expect(await connector.meta.cache.get("active_alert", null)).toBe("no_events");
    expect(connector.logs.map((l) => l.message)).toContain("Ingestion alert is already active");
  });

  it("does nothing while ingestion is fine", async () => {
    const { connector } = await connect();
    connector.mocks.on("GET", EVENTS_URL, { json: { next: "https://ph.test/api/event?page=2", results: [{ id: "e1" }] } });
    await connector.runTask("runEveryMinute");
    expect(connector.requests).toHaveLength(1);
    expect(await connector.meta.cache.get("active_alert", null)).toBeNull();
    expect(connector.logs.map((l) => l.message)).toContain("Ingestion OK");
  });

  it("keeps the state and retries next minute when the webhook fails; triggers exactly once", async () => {
    const clock = syncedClock("2024-05-01T09:59:30.000Z");
    const { connector } = await connect({}, clock);
    connector.mocks.on("GET", "https://ph.test/api/event*", { json: { results: [] } });
    connector.mocks.once("GET", "https://hooks.test/down", { status: 502, body: "bad gateway" });
    connector.mocks.on("GET", "https://hooks.test/down", { body: "ok" });
    connector.startSchedule();
    await clock.advance(60_000);
    expect(connector.errors).toEqual([{ hook: "runEveryMinute", message: expect.stringContaining("Error from WebHook: status=502 response=bad gateway") }]);
    expect(await connector.meta.cache.get("active_alert", null)).toBeNull();
    await clock.advance(2 * 60_000);
    expect(await connector.meta.cache.get("active_alert", null)).toBe("no_events");
    expect(connector.requests.filter((r) => r.url === "https://hooks.test/down").map((r) => r.status)).toEqual([502, 200]);
    expect(connector.requests.filter((r) => r.url.startsWith("https://ph.test")).map((r) => new URL(r.url).searchParams.get("after"))).toEqual([
      "2024-05-01T09:45:00.000Z",
      "2024-05-01T09:46:00.000Z",
      "2024-05-01T09:47:00.000Z",
    ]);
    await connector.teardown();
  });

  it.each([401, 500])("throws on a PostHog API error (%i) without calling a webhook", async (status) => {
    const { connector } = await connect();
    connector.mocks.on("GET", EVENTS_URL, { status, body: "nope" });
    await expect(connector.runTask("runEveryMinute")).rejects.toThrow(`Error from PostHog API: status=${status} response=nope`);
    expect(connector.requests).toHaveLength(1);
    expect(await connector.meta.cache.get("active_alert", null)).toBeNull();
  });

  it("propagates a network error", async () => {
    const { connector } = await connect();
    connector.mocks.on("GET", EVENTS_URL, { error: "ECONNREFUSED" });
    await expect(connector.runTask("runEveryMinute")).rejects.toThrow(/ECONNREFUSED/);
  });

  it("adds https:// to a host without protocol and strips trailing slashes", async () => {
    expect(normalizeHost("myposthog")).toBe("https://myposthog");
    expect(normalizeHost("https://ph.test//")).toBe("https://ph.test");
    expect(normalizeHost("http://ph.local/")).toBe("http://ph.local");
    const { connector } = await connect({ posthogHost: "ph.test/" });
    connector.mocks.on("GET", EVENTS_URL, { json: { results: [{ id: "x" }] } });
    await connector.runTask("runEveryMinute");
    expect(connector.requests[0]!.url).toBe(EVENTS_URL);
  });

  it.each(["abc", "0", "-5", "1.5", ""])("refuses timeRange %j in setupPlugin", async (timeRange) => {
    const connector = await createTestConnector(dir, { module: plugin, config: { ...config, timeRange: timeRange || " " } });
    await expect(connector.setup()).rejects.toThrow("timeRange must be a positive number of minutes");
  });

  it("rejects a config missing a required field", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { ...config, posthogApiKey: "" } })).rejects.toThrow(/posthogApiKey/);
  });

  it("allows exactly the hosts named by the config", async () => {
    const { connector } = await connect({ webHookUrlTriggered: "https://evil.test/x" });
    connector.mocks.on("GET", EVENTS_URL, { json: { results: [] } });
    connector.mocks.on("GET", "https://evil.test/x", { body: "ok" });
    await connector.runTask("runEveryMinute");
    expect(connector.requests.at(-1)!.url).toBe("https://evil.test/x");
  });
});
