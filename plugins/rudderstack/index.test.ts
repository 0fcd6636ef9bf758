import { createTestConnector, VirtualClock } from "@connectors/testkit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import identify from "./fixtures/identify.json" with { type: "json" };
import orderCompleted from "./fixtures/order-completed.json" with { type: "json" };
import pageview from "./fixtures/pageview.json" with { type: "json" };
import * as plugin from "./index.ts";
import { getValue } from "@connectors/connector-kit";
import { toSegmentMessage } from "@connectors/connector-kit";

const dir = import.meta.dirname;
const URL = "https://hosted.rudderlabs.com/v1/batch";
const NOW = "2024-03-05T10:30:00.000Z";
const config = { writeKey: "WRITEKEY1", dataPlaneUrl: URL };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(NOW));
});
afterEach(() => vi.useRealTimers());

async function setup(overrides: Record<string, unknown> = {}) {
  const clock = new VirtualClock(NOW);
  const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...overrides }, clock });
  const seen: Array<{ auth: string; body: { batch: Array<Record<string, unknown>>; sentAt: string } }> = [];
  const answer = (...responses: Array<{ status?: number; error?: string; body?: string }>) =>
    connector.mocks.on("POST", URL, (request) => (seen.push({ auth: request.headers.authorization!, body: request.json() }), responses.length > 1 ? responses.shift()! : (responses[0] ?? { status: 200, body: "OK" })));
  return { connector, clock, seen, answer };
}

const expectedOrder = {
  context: { app: { name: "PostHogPlugin" }, os: { name: "Mac OS X" }, browser: "Chrome", page: { url: "https://shop.example.com/checkout" }, library: { name: "web", version: "1.100.0" } },
  channel: "s2s",
  originalTimestamp: "2024-03-05T10:20:30.456Z",
  userId: "user-42",
  anonymousId: "dev-1",
  type: "track",
  event: "order completed",
  properties: { revenue: 42.5, currency: "EUR" },
};
const expectedIdentify = {
  context: { app: { name: "PostHogPlugin" }, library: { name: "web" }, traits: { email: "ada@example.com", plan: "pro" } },
  channel: "s2s",
  originalTimestamp: "2024-03-05T10:21:00.000Z",
  userId: "user-42",
  anonymousId: "anon-7",
  type: "identify",
  traits: { email: "ada@example.com", plan: "pro" },
};

describe("rudderstack", () => {
  it("sends the spec's example batch after 60 s with Basic base64('WRITEKEY1:') (no messageId, coupon: null dropped)", async () => {
    const { connector, clock, seen, answer } = await setup();
    answer();
    await connector.onEvent(structuredClone(orderCompleted));
    await connector.onEvent(structuredClone(identify));
    await clock.advance(59_999);
    expect(connector.requests).toEqual([]);
    await clock.advance(1);
    expect(connector.requests).toHaveLength(1);
    const [request] = connector.requests;
    expect({ method: request!.method, url: request!.url, headers: request!.headers }).toEqual({ method: "POST", url: URL, headers: { "content-type": "application/json", authorization: "[REDACTED]" } });
    expect(JSON.parse(request!.body)).toEqual({ batch: [expectedOrder, expectedIdentify], sentAt: NOW });
    expect(Object.keys(seen[0]!.body.batch[0]!)).toEqual(Object.keys(expectedOrder));
    expect(seen[0]!.auth).toBe("Basic V1JJVEVLRVkxOg==");
  });

  it("maps the spec's $pageview to a page message", async () => {
    const { connector, clock, seen, answer } = await setup();
    answer();
    await connector.onEvent(structuredClone(pageview));
    await clock.advance(60_000);
    expect(seen[0]!.body.batch).toEqual([
      {
        context: { app: { name: "PostHogPlugin" }, page: { host: "example.com", url: "https://example.com/pricing", path: "/pricing", referrer: "$direct" } },
        channel: "s2s",
        originalTimestamp: "2024-03-05T10:22:00.000Z",
        userId: "user-42",
        type: "page",
        properties: { host: "example.com", url: "https://example.com/pricing", path: "/pricing", referrer: "$direct", title: "Pricing" },
      },
    ]);
  });

  it("flushes the buffer on teardown (the original lost it)", async () => {
    const { connector, answer } = await setup();
    answer();
    await connector.onEvent(structuredClone(orderCompleted));
    await connector.teardown();
    expect(connector.requests).toHaveLength(1);
  });

  it("a size flush cancels the pending timer; the next timer starts with the next message", async () => {
    const { connector, clock, seen, answer } = await setup();
    answer();
    const big = (n: number) => ({ ...structuredClone(orderCompleted), uuid: `big-${n}`, properties: { blob: "x".repeat(3 * 1024 * 1024) } });
    await connector.onEvent(big(1));
    await clock.advance(30_000);
    await connector.onEvent(big(2));
    expect(seen).toHaveLength(1);
    await clock.advance(30_000);
    expect(seen).toHaveLength(1);
    await clock.advance(30_000);
    expect(seen).toHaveLength(2);
  });

  it("retries a network error by job uploadBatchToRudder after 3 s then 6 s, recomputing sentAt", async () => {
    const { connector, clock, seen, answer } = await setup();
    answer({ error: "ECONNRESET" }, { error: "ECONNRESET" }, { status: 200 });
    await connector.onEvent(structuredClone(orderCompleted));
    await clock.advance(60_000);
    expect(connector.jobs.pending.map((j) => [j.name, j.runAt - clock.now()])).toEqual([["uploadBatchToRudder", 3_000]]);
    expect(connector.jobs.pending[0]!.payload).toEqual({ batch: [expectedOrder], batchId: expect.any(Number), retriesPerformedSoFar: 1, uuids: [orderCompleted.uuid] });
    await clock.advance(3_000);
    vi.setSystemTime(new Date("2024-03-05T10:31:09.000Z"));
    await clock.advance(6_000);
    expect(connector.requests.map((r) => r.status ?? r.error)).toEqual(["fetch failed: ECONNRESET", "fetch failed: ECONNRESET", 200]);
    expect(seen.at(-1)!.body.sentAt).toBe("2024-03-05T10:31:09.000Z");
  });

  it.each([[500], [429]])("retries HTTP %i (bug fix: statuses were ignored)", async (status) => {
    const { connector, clock, answer } = await setup();
    answer({ status }, { status: 200 });
    await connector.onEvent(structuredClone(orderCompleted));
    await clock.advance(63_000);
    expect(connector.requests.map((r) => r.status)).toEqual([status, 200]);
  });

  it("logs and drops a 401 naming the uuids", async () => {
    const { connector, clock, answer } = await setup({ writeKey: "wrong" });
    answer({ status: 401, body: "Invalid write key" });
    await connector.onEvent(structuredClone(orderCompleted));
    await clock.advance(60_000);
    expect(connector.jobs.pending).toEqual([]);
    expect(connector.logs.at(-1)?.message).toMatch(new RegExp(`rejected batch \\d+ of 1 events with HTTP 401 Invalid write key; dropped \\(event uuids: ${orderCompleted.uuid}\\)$`));
  });

  it("gives up after 15 attempts and reports the uuids", async () => {
    const { connector, clock, answer } = await setup();
    answer({ error: "ECONNREFUSED" });
    await connector.onEvent(structuredClone(orderCompleted));
    await clock.advance(60_000);
    for (let n = 0; n < 14; n++) await clock.advance(2 ** n * 3000);
    expect(connector.requests).toHaveLength(15);
    expect(connector.errors).toEqual([{ hook: "job uploadBatchToRudder", message: expect.stringContaining(`event uuids: ${orderCompleted.uuid}`) }]);
  });

  it("drops a job that already has 15 retries, reporting it", async () => {
    const { connector } = await setup();
    await connector.setup();
    await connector.runJob("uploadBatchToRudder", { batch: [{}], batchId: 7, retriesPerformedSoFar: 15 });
    expect(connector.requests).toEqual([]);
    expect(connector.errors[0]!.message).toContain("RudderStack batch 7 of 1 events lost (15 retries reached)");
  });

  it("refuses a config without the write key", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: {} })).rejects.toThrow(/writeKey/);
  });
});

describe("toSegmentMessage", () => {
  const base = { team_id: 2, uuid: "u", ip: null, timestamp: "t", distinct_id: "d" };
  it("maps $create_alias, $group, $page and $autocapture", () => {
    expect(toSegmentMessage({ ...base, event: "$create_alias", properties: { alias: "new", distinct_id: "old" } } as never)).toMatchObject({ type: "alias", userId: "new", previousId: "old" });
    expect(toSegmentMessage({ ...base, event: "$group", properties: {}, groupId: "g", traits: { n: 1 } } as never)).toMatchObject({ type: "group", groupId: "g", traits: { n: 1 } });
    expect(toSegmentMessage({ ...base, event: "$page", properties: { name: "Home", category: "c" } } as never)).toMatchObject({ type: "page", name: "Home", properties: { category: "c", name: "Home" } });
    expect(toSegmentMessage({ ...base, event: "$autocapture", properties: { $event_type: "click", $elements: [{ tag_name: "a" }] } } as never)).toMatchObject({ type: "track", event: "click", properties: { elements: [{ tag_name: "a" }] } });
  });

  it("maps the generic context fields and a top-level $user_id", () => {
    const message = toSegmentMessage({ ...base, event: "x", $user_id: "uid", properties: { $screen_height: 800, $screen_width: 1200, $browser_version: 120, posthog_version: "1.2", token: "phc", $active_feature_flags: ["f"], has_slack_webhook: false } } as never);
    expect(message).toMatchObject({
      userId: "uid",
      context: { screen: { height: 800, width: 1200 }, browser_version: 120, app: { name: "PostHogPlugin", version: "1.2" }, posthog_version: "1.2", token: "phc", active_feature_flags: ["f"], has_slack_webhook: false },
    });
  });
});

describe("getValue", () => {
  it("prefers the whole dotted key, then joins segments", () => {
    expect(getValue({ "a.b": 1, a: { b: 2 } }, "a.b")).toBe(1);
    expect(getValue({ a: { "b.c": 3 } }, "a.b.c")).toBe(3);
  });
});
