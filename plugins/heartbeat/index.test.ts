import { createSyncedClock, createTestConnector } from "@connectors/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as plugin from "./index.ts";
import { selectTokens } from "./lib/select-tokens.ts";

const dir = import.meta.dirname;
const T = "2024-05-01T10:00:00.000Z";
const ALL = "heartbeat + heartbeat_buffer + heartbeat_api";

/** A virtual clock that also moves `Date` (the connector reads the time from `Date`). */
const syncedClock = (start: string) => createSyncedClock(vi, start);

afterEach(() => vi.useRealTimers());

describe("heartbeat", () => {
  it("emits one heartbeat with the run's timestamp by default (example A)", async () => {
    const clock = syncedClock(T);
    const connector = await createTestConnector(dir, { module: plugin, clock });
    await connector.runTask("runEveryMinute");
    expect(connector.captured).toEqual([expect.objectContaining({ event: "heartbeat", distinct_id: "PostHog Heartbeat Plugin", timestamp: T, properties: expect.objectContaining({ $timestamp: T }) })]);
    expect(connector.requests).toEqual([]);
    expect(connector.logs.map((l) => l.message)).toContain(`Sent heartbeat at ${T}`);
  });

  it("treats an empty or absent choice as heartbeat and ignores unknown tokens", () => {
    expect([...selectTokens("")]).toEqual(["heartbeat"]);
    expect([...selectTokens(undefined)]).toEqual(["heartbeat"]);
    expect([...selectTokens("heartbeat_api + nope + heartbeat")].sort()).toEqual(["heartbeat", "heartbeat_api"]);
    expect([...selectTokens("heartbeat+heartbeat_buffer")]).toEqual([]);
  });

  it("fills the default choice when config leaves events out", async () => {
    const connector = await createTestConnector(dir, { module: plugin, clock: syncedClock(T), config: {} });
    await connector.runTask("runEveryMinute");
    expect(connector.captured.map((e) => e.event)).toEqual(["heartbeat"]);
  });

  it("emits all three, posting heartbeat_api to <host>/e without a double slash (example B)", async () => {
    const clock = syncedClock(T);
    const connector = await createTestConnector(dir, { module: plugin, clock, config: { events: ALL, host: "https://ph.test/", project_api_key: "phc_abc" } });
    connector.mocks.on("POST", "https://ph.test/e", { json: { status: 1 } });
    await connector.runTask("runEveryMinute");
    expect(connector.captured.map((e) => [e.event, e.distinct_id, e.properties.$timestamp])).toEqual([
      ["heartbeat", "PostHog Heartbeat Plugin", T],
      ["heartbeat_buffer", "PostHog Heartbeat Plugin / Buffer 1714557600000", T],
    ]);
    expect(connector.requests).toHaveLength(1);
    const [request] = connector.requests;
    expect(request).toMatchObject({ method: "POST", url: "https://ph.test/e", status: 200 });
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request!.body)).toEqual({ token: "[REDACTED]", event: "heartbeat_api", distinct_id: "PostHog Heartbeat Plugin", properties: { $timestamp: T } });
  });

  it("sends the project key in the body (seen unredacted by the fake API)", async () => {
    const connector = await createTestConnector(dir, { module: plugin, clock: syncedClock(T), config: { events: ALL, host: "https://ph.test", project_api_key: "phc_abc" } });
    const bodies: unknown[] = [];
    connector.mocks.on("POST", "https://ph.test/e", (request) => (bodies.push(request.json()), { json: { status: 1 } }));
    await connector.runTask("runEveryMinute");
    expect(bodies).toEqual([{ token: "phc_abc", event: "heartbeat_api", distinct_id: "PostHog Heartbeat Plugin", properties: { $timestamp: T } }]);
  });

  it("emits once per minute on the schedule, with a fresh buffer distinct id each minute", async () => {
    const clock = syncedClock("2024-05-01T09:59:30.000Z");
    const connector = await createTestConnector(dir, { module: plugin, clock, config: { events: ALL, host: "https://ph.test", project_api_key: "phc_abc" } });
    connector.mocks.on("POST", "https://ph.test/e", { json: { status: 1 } });
    connector.startSchedule();
    await clock.advance(3 * 60_000);
    const buffers = connector.captured.filter((e) => e.event === "heartbeat_buffer").map((e) => e.distinct_id);
    expect(buffers).toEqual([1714557600000, 1714557660000, 1714557720000].map((ms) => `PostHog Heartbeat Plugin / Buffer ${ms}`));
    expect(connector.captured.filter((e) => e.event === "heartbeat").map((e) => e.properties.$timestamp)).toEqual([T, "2024-05-01T10:01:00.000Z", "2024-05-01T10:02:00.000Z"]);
    expect(connector.requests).toHaveLength(3);
    await connector.teardown();
  });

  it.each([
    [{ events: ALL, host: "", project_api_key: "phc_abc" }, "PostHog host needs to be configured for heartbeat_api to work!"],
    [{ events: ALL, host: "https://ph.test", project_api_key: "" }, "PostHog project API key needs to be configured for heartbeat_api to work!"],
    [{ events: ALL, host: "", project_api_key: "" }, "PostHog host needs to be configured for heartbeat_api to work!"],
  ])("validates before emitting anything (example C) %j", async (config, message) => {
    const connector = await createTestConnector(dir, { module: plugin, clock: syncedClock(T), config });
    await expect(connector.runTask("runEveryMinute")).rejects.toThrow(message);
    expect(connector.captured).toEqual([]);
    expect(connector.requests).toEqual([]);
  });

  it("fails the run when the capture API answers non-2xx, after capturing the internal events", async () => {
    const connector = await createTestConnector(dir, { module: plugin, clock: syncedClock(T), config: { events: ALL, host: "https://ph.test", project_api_key: "phc_abc" } });
    connector.mocks.on("POST", "https://ph.test/e", { status: 503, body: "down" });
    await expect(connector.runTask("runEveryMinute")).rejects.toThrow("heartbeat_api capture failed: status=503");
    expect(connector.captured.map((e) => e.event)).toEqual(["heartbeat", "heartbeat_buffer"]);
  });

  it("fails the run on a network error of the capture API", async () => {
    const connector = await createTestConnector(dir, { module: plugin, clock: syncedClock(T), config: { events: ALL, host: "https://ph.test", project_api_key: "phc_abc" } });
    connector.mocks.on("POST", "https://ph.test/e", { error: "ECONNRESET" });
    await expect(connector.runTask("runEveryMinute")).rejects.toThrow(/heartbeat_api capture failed: .*ECONNRESET/);
  });

  it("records a scheduled failure as a background error and keeps running", async () => {
    const clock = syncedClock("2024-05-01T09:59:30.000Z");
    const connector = await createTestConnector(dir, { module: plugin, clock, config: { events: ALL, host: "https://ph.test", project_api_key: "phc_abc" } });
    connector.mocks.once("POST", "https://ph.test/e", { status: 500 }).on("POST", "https://ph.test/e", { json: { status: 1 } });
    connector.startSchedule();
    await clock.advance(2 * 60_000);
    expect(connector.errors).toEqual([{ hook: "runEveryMinute", message: expect.stringContaining("status=500") }]);
    expect(connector.captured.filter((e) => e.event === "heartbeat")).toHaveLength(2);
    await connector.teardown();
  });

  it("rejects an events value that is not one of the choices", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { events: "every event" } })).rejects.toThrow(/events/);
  });
});
