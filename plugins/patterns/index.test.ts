import { catchHookFailure, createTestConnector, VirtualClock } from "@connectors/testkit";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import signup from "./fixtures/signup.json" with { type: "json" };
import * as plugin from "./index.ts";

const dir = import.meta.dirname;
const URL = "https://hooks.example.com/wh/abc";
const config = { webhookUrl: URL, allowedEventTypes: " signup ,purchase" };
const batch = [
  { event: "signup", distinct_id: "a", uuid: "1", timestamp: "2024-03-05T10:00:00.000Z", properties: { plan: "pro" } },
  { event: "$pageview", distinct_id: "a", uuid: "2", timestamp: "2024-03-05T10:00:01.000Z", properties: {} },
  { event: "purchase", distinct_id: "b", uuid: "3", timestamp: "2024-03-05T10:00:02.000Z", properties: { amount: 5 } },
] as unknown as ProcessedPluginEvent[];

/** What exportEvents receives for an event (the harness hands over processed events). */
function processed(event: ProcessedPluginEvent) {
  return { distinct_id: event.distinct_id, ip: null, team_id: event.team_id, event: event.event, properties: event.properties, timestamp: event.timestamp, uuid: event.uuid };
}

async function setup(overrides: Record<string, unknown> = {}, clock?: VirtualClock) {
  return createTestConnector(dir, { module: plugin, config: { ...config, ...overrides }, ...(clock ? { clock } : {}) });
}

describe("patterns", () => {
  it("posts the spec's example: only allowed events (trimmed list), unchanged and in order", async () => {
    const connector = await setup();
    connector.mocks.on("POST", URL, { status: 200, json: {} });
    await connector.exportEvents(batch);
    expect(connector.requests).toEqual([
      {
        method: "POST",
        url: URL,
        headers: { "content-type": "application/json" },
        body: JSON.stringify([processed(batch[0]!), processed(batch[2]!)]),
        status: 200,
        via: "mock",
      },
    ]);
    expect(connector.logs.map((l) => l.message)).toEqual(["Loaded Patterns app.", "Exporting events to Patterns webhook... 2/3 events"]);
  });

  it("sends every event when allowedEventTypes is empty", async () => {
    const connector = await setup({ allowedEventTypes: "" });
    connector.mocks.on("POST", URL, { status: 200 });
    await connector.exportEvents(batch);
    expect(JSON.parse(connector.requests[0]!.body).map((e: { uuid: string }) => e.uuid)).toEqual(["1", "2", "3"]);
  });

  it("matches event names case-sensitively", async () => {
    const connector = await setup({ allowedEventTypes: "Signup" });
    await connector.exportEvents(batch);
    expect(connector.requests).toEqual([]);
  });

  it("sends nothing for a batch of only $pageview events", async () => {
    const connector = await setup();
    await connector.exportEvents([batch[1]!]);
    expect(connector.requests).toEqual([]);
    expect(connector.logs.at(-1)?.message).toBe("Exporting events to Patterns webhook... 0/1 events");
  });

  it.each([201, 202, 204])("treats HTTP %i as success (bug fix: the original retried every non-200)", async (status) => {
    const connector = await setup();
    connector.mocks.on("POST", URL, { status });
    await expect(connector.exportEvents(batch)).resolves.toBeUndefined();
  });

  it("rejects a 500 {\"error\":\"boom\"} with RetryError('Export events failed: {\"error\":\"boom\"}')", async () => {
    const connector = await setup();
    connector.mocks.on("POST", URL, { status: 500, json: { error: "boom" } });
    const error = await catchHookFailure(connector.exportEvents(batch));
    expect(error.cause.name).toBe("RetryError");
    expect(error.cause.message).toBe('Export events failed: {"error":"boom"}');
  });

  it.each([
    ["a 429", { status: 429, body: "slow down" }, "Export events failed: slow down"],
    ["a 503 with a non-JSON body (bug fix: no JSON parse error)", { status: 503, body: "<html>down</html>" }, "Export events failed: <html>down</html>"],
    ["a network error", { error: "ECONNRESET" }, "Export events failed: fetch failed: ECONNRESET"],
  ])("retries %s", async (_what, response, message) => {
    const connector = await setup();
    connector.mocks.on("POST", URL, response);
    const error = await catchHookFailure(connector.exportEvents(batch));
    expect(error.cause.name).toBe("RetryError");
    expect(error.cause.message).toBe(message);
  });

  it("fails a 400 permanently (plain Error, no retry)", async () => {
    const connector = await setup();
    connector.mocks.on("POST", URL, { status: 400, json: { error: "bad" } });
    const error = await catchHookFailure(connector.exportEvents(batch));
    expect(error.cause.name).toBe("Error");
    expect(error.cause.message).toBe('Export events failed: {"error":"bad"} (HTTP 400, not retried)');
  });

  it("times out a hanging webhook and retries", async () => {
    const connector = await setup();
    connector.mocks.on("POST", URL, { delayMs: 60_000 });
    const error = await catchHookFailure(connector.exportEvents(batch));
    expect(error.cause.name).toBe("RetryError");
  }, 15_000);

  it("buffers onEvent, retries a 500 after 6/12/24 s on the clock, then reports the uuids", async () => {
    const clock = new VirtualClock("2024-03-05T10:00:00.000Z");
    const connector = await setup({}, clock);
    connector.mocks.on("POST", URL, { status: 500, body: "down" });
    await connector.onEvent(structuredClone(signup));
    expect(connector.requests).toHaveLength(0);
    await clock.advance(10_000);
    expect(connector.requests).toHaveLength(1);
    await clock.advance(6_000);
    await connector.runDueJobs();
    expect(connector.requests).toHaveLength(2);
    await clock.advance(12_000);
    await connector.runDueJobs();
    await clock.advance(24_000);
    await connector.runDueJobs();
    expect(connector.requests).toHaveLength(4);
    expect(connector.errors).toEqual([expect.objectContaining({ hook: "exportEvents", eventUuids: [signup.uuid] })]);
  });

  it("delivers a batch on the first retry after a 503", async () => {
    const clock = new VirtualClock("2024-03-05T10:00:00.000Z");
    const connector = await setup({}, clock);
    connector.mocks.once("POST", URL, { status: 503 });
    connector.mocks.on("POST", URL, { status: 200 });
    await connector.onEvent(structuredClone(signup));
    await connector.flushExports();
    await clock.advance(6_000);
    await connector.runDueJobs();
    expect(connector.requests.map((r) => r.status)).toEqual([503, 200]);
    expect(connector.errors).toEqual([]);
  });

  it.each([[{ webhookUrl: "not a url" }], [{ webhookUrl: "ftp://hooks.example.com/x" }]])("refuses config %j at setup", async (overrides) => {
    const connector = await setup(overrides);
    await expect(connector.setup()).rejects.toThrow(/webhookUrl .* is not a valid http\(s\) URL/);
  });

  it.each([[{}], [{ webhookUrl: "" }]])("refuses config %j without a webhookUrl", async (bad) => {
    await expect(createTestConnector(dir, { module: plugin, config: bad })).rejects.toThrow(/webhookUrl/);
  });

  it("only calls the configured webhook host", async () => {
    const connector = await setup();
    expect(connector.manifest.allowedHosts).toEqual(["*.patterns.app"]);
  });
});
