import { catchHookFailure, createTestConnector, VirtualClock } from "@connectors/testkit";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import pageview from "./fixtures/pageview.json" with { type: "json" };
import * as plugin from "./index.ts";

const dir = import.meta.dirname;
const URL = "https://eu.example-posthog.com/e";
const config = { host: "eu.example-posthog.com", project_api_key: "phc_target", replication: "2" };
const example = {
  event: "$pageview",
  distinct_id: "d1",
  uuid: "u-1",
  team_id: 7,
  now: "2024-03-05T10:00:00Z",
  sent_at: "2024-03-05T10:00:00Z",
  timestamp: "2024-03-05T09:59:59.000Z",
  ip: null,
  properties: { $current_url: "https://a.example/" },
} as unknown as ProcessedPluginEvent;

async function setup(overrides: Record<string, unknown> = {}, clock?: VirtualClock) {
  const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...overrides }, ...(clock ? { clock } : {}) });
  const bodies: unknown[] = [];
  const answer = (status = 200, url = URL) => connector.mocks.on("POST", url, (request) => (bodies.push(request.json()), { status, json: { status: 1 } }));
  return { connector, bodies, answer };
}

describe("replicator", () => {
  it("sends the spec's example twice, without instance fields, with the token (redacted in recordings)", async () => {
    const { connector, bodies, answer } = await setup();
    answer();
    await connector.exportEvents([example]);
    const sendable = { distinct_id: "d1", ip: null, event: "$pageview", properties: { $current_url: "https://a.example/" }, timestamp: "2024-03-05T09:59:59.000Z", uuid: "u-1", token: "phc_target" };
    expect(bodies).toEqual([[sendable, sendable]]);
    expect(connector.requests).toEqual([
      {
        method: "POST",
        url: URL,
        headers: { "content-type": "application/json" },
        body: JSON.stringify([sendable, sendable]).replaceAll("phc_target", "[REDACTED]"),
        status: 200,
        via: "mock",
      },
    ]);
    expect(connector.logs.map((l) => l.message)).toEqual(["Flushing 2 event(s) to eu.example-posthog.com"]);
  });

  it("drops team_id, now, offset, sent_at, $token, project_id and api_key, keeps everything else", async () => {
    const { connector, bodies, answer } = await setup({ replication: "1" });
    answer();
    const event = { ...example, offset: 5, $token: "t", project_id: 3, api_key: "k", $set: { a: 1 }, $set_once: { b: 2 }, person: { uuid: "p" }, elements: [{ tag_name: "a" }] } as unknown as ProcessedPluginEvent;
    await connector.exportEvents([event]);
    const sent = (bodies[0] as Array<Record<string, unknown>>)[0]!;
    expect(Object.keys(sent).sort()).toEqual(["$set", "$set_once", "distinct_id", "elements", "event", "ip", "person", "properties", "timestamp", "token", "uuid"]);
    expect(sent.token).toBe("phc_target");
  });

  it.each([[""], ["abc"], ["0"], ["-3"]])("sends each event once when replication is %j", async (replication) => {
    const { connector, bodies, answer } = await setup({ replication });
    answer();
    await connector.exportEvents([example, { ...example, uuid: "u-2" }]);
    expect((bodies[0] as Array<{ uuid: string }>).map((e) => e.uuid)).toEqual(["u-1", "u-2"]);
  });

  it("puts the copies of one event next to each other", async () => {
    const { connector, bodies, answer } = await setup({ replication: "3" });
    answer();
    await connector.exportEvents([example, { ...example, uuid: "u-2" }]);
    expect((bodies[0] as Array<{ uuid: string }>).map((e) => e.uuid)).toEqual(["u-1", "u-1", "u-1", "u-2", "u-2", "u-2"]);
  });

  it("sends nothing for an empty batch", async () => {
    const { connector } = await setup();
    await connector.exportEvents([]);
    expect(connector.requests).toEqual([]);
  });

  it.each([["https://eu.example-posthog.com/"], ["http://eu.example-posthog.com"], [" eu.example-posthog.com// "]])("strips the scheme and trailing slash of host %j", async (host) => {
    const { connector, answer } = await setup({ host });
    answer();
    await connector.exportEvents([example]);
    expect(connector.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${URL}`]);
  });

  it.each([[500], [502], [429]])("retries HTTP %i (RetryError)", async (status) => {
    const { connector, answer } = await setup();
    answer(status);
    const error = await catchHookFailure(connector.exportEvents([example]));
    expect(error.cause.name).toBe("RetryError");
    expect(error.cause.message).toBe(`Replicating 2 event(s) to eu.example-posthog.com failed with HTTP ${status}: {"status":1}`);
  });

  it("retries a network error or a timeout", async () => {
    const { connector } = await setup();
    connector.mocks.on("POST", URL, { error: "The operation was aborted due to timeout" });
    const error = await catchHookFailure(connector.exportEvents([example]));
    expect(error.cause.name).toBe("RetryError");
  });

  it.each([[400], [401]])("fails HTTP %i permanently (plain Error)", async (status) => {
    const { connector, answer } = await setup();
    answer(status);
    const error = await catchHookFailure(connector.exportEvents([example]));
    expect(error.cause.name).toBe("Error");
  });

  it("buffers onEvent, retries on the clock (6/12/24 s), then reports the lost uuid", async () => {
    const clock = new VirtualClock("2024-03-05T10:00:00.000Z");
    const { connector, answer } = await setup({}, clock);
    answer(503);
    await connector.onEvent(structuredClone(pageview));
    await connector.flushExports();
    for (const wait of [6_000, 12_000, 24_000]) {
      await clock.advance(wait);
      await connector.runDueJobs();
    }
    expect(connector.requests).toHaveLength(4);
    expect(connector.errors).toEqual([expect.objectContaining({ hook: "exportEvents", eventUuids: [pageview.uuid] })]);
  });

  it("refuses a config without host or project_api_key", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { host: "x.example.com" } })).rejects.toThrow(/project_api_key/);
    await expect(createTestConnector(dir, { module: plugin, config: { project_api_key: "phc" } })).rejects.toThrow(/host/);
  });

  it("may only call the configured host", async () => {
    const { connector } = await setup();
    expect(connector.manifest.allowedHosts).toEqual([]);
    connector.mocks.on("POST", "https://other.example.com/e", { status: 200 });
    await expect(plugin.exportEvents([example], { ...connector.meta, config: { ...config, host: "other.example.com" } } as never)).rejects.toThrow(/other\.example\.com/);
  });
});
