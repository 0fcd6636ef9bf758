import { createTestConnector, VirtualClock } from "@connectors/testkit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import identify from "./fixtures/identify.json" with { type: "json" };
import orderCompleted from "./fixtures/order-completed.json" with { type: "json" };
import pageview from "./fixtures/pageview.json" with { type: "json" };
import * as plugin from "./index.ts";
import { getValue } from "@connectors/connector-kit";
import { toSegmentMessage } from "@connectors/connector-kit";

const dir = import.meta.dirname;
const URL = "https://api.laudspeaker.com/events/posthog";
const NOW = "2024-03-05T10:30:00.000Z";
const config = { writeKey: "lk_123", phEmail: "email", phCustom: "plan", phPhoneNumber: "" };

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
    connector.mocks.on("POST", URL, (request) => (seen.push({ auth: request.headers.authorization!, body: request.json() }), responses.length > 1 ? responses.shift()! : (responses[0] ?? { status: 200 })));
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
  messageId: "ins-9",
};
const expectedIdentify = {
  context: { app: { name: "PostHogPlugin" }, library: { name: "web" }, traits: { email: "ada@example.com", plan: "pro" } },
  channel: "s2s",
  originalTimestamp: "2024-03-05T10:21:00.000Z",
  userId: "user-42",
  anonymousId: "anon-7",
  type: "identify",
  traits: { email: "ada@example.com", plan: "pro" },
  event: "$identify",
  phEmail: "ada@example.com",
  phCustom: "pro",
};

describe("laudspeaker", () => {
  it("sends the spec's example batch after 10 s with the Api-Key header", async () => {
    const { connector, clock, seen, answer } = await setup();
    answer();
    await connector.onEvent(structuredClone(orderCompleted));
    await connector.onEvent(structuredClone(identify));
    await clock.advance(9_999);
    expect(connector.requests).toEqual([]);
    await clock.advance(1);
    expect(connector.requests).toHaveLength(1);
    const [request] = connector.requests;
    expect({ method: request!.method, url: request!.url, headers: request!.headers }).toEqual({ method: "POST", url: URL, headers: { "content-type": "application/json", authorization: "[REDACTED]" } });
    expect(JSON.parse(request!.body)).toEqual({ batch: [expectedOrder, expectedIdentify], sentAt: NOW });
    expect(Object.keys(seen[0]!.body.batch[1]!)).toEqual(Object.keys(expectedIdentify));
    expect(seen[0]!.auth).toBe("Api-Key lk_123");
  });

  it("maps the spec's $pageview to a page message carrying event", async () => {
    const { connector, clock, seen, answer } = await setup();
    answer();
    await connector.onEvent(structuredClone(pageview));
    await clock.advance(10_000);
    expect(seen[0]!.body.batch).toEqual([
      {
        context: { app: { name: "PostHogPlugin" }, page: { host: "example.com", url: "https://example.com/pricing", path: "/pricing" } },
        channel: "s2s",
        originalTimestamp: "2024-03-05T10:22:00.000Z",
        userId: "user-42",
        type: "page",
        properties: { host: "example.com", url: "https://example.com/pricing", path: "/pricing", title: "Pricing" },
        event: "$pageview",
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

  it("flushes first when the next message would pass 5 MB, and at once for a message over the limit", async () => {
    const { connector, seen, answer } = await setup();
    answer();
    const big = (n: number) => ({ ...structuredClone(orderCompleted), uuid: `big-${n}`, properties: { blob: "x".repeat(3 * 1024 * 1024) } });
    await connector.onEvent(big(1));
    expect(connector.requests).toHaveLength(0);
    await connector.onEvent(big(2));
    expect(connector.requests).toHaveLength(1);
    await connector.onEvent({ ...big(3), properties: { blob: "x".repeat(6 * 1024 * 1024) } });
    expect(seen.map((s) => s.body.batch.length)).toEqual([1, 1, 1]);
  });

  it("retries a network error by job uploadBatchToLaud after 3 s, 6 s, ... with the original payload", async () => {
    const { connector, clock, answer } = await setup();
    answer({ error: "ECONNRESET" }, { error: "ECONNRESET" }, { status: 200 });
    await connector.onEvent(structuredClone(orderCompleted));
    await clock.advance(10_000);
    expect(connector.jobs.pending.map((j) => [j.name, j.runAt - clock.now(), (j.payload as { retriesPerformedSoFar: number }).retriesPerformedSoFar])).toEqual([["uploadBatchToLaud", 3_000, 1]]);
    expect(connector.jobs.pending[0]!.payload).toMatchObject({ batch: [expectedOrder], uuids: [orderCompleted.uuid], batchId: expect.any(Number) });
    await clock.advance(3_000);
    expect(connector.jobs.pending.map((j) => j.runAt - clock.now())).toEqual([6_000]);
    await clock.advance(6_000);
    expect(connector.requests.map((r) => r.status ?? r.error)).toEqual(["fetch failed: ECONNRESET", "fetch failed: ECONNRESET", 200]);
    expect(connector.errors).toEqual([]);
  });

  it.each([[500], [503], [429]])("retries HTTP %i like a network error (bug fix)", async (status) => {
    const { connector, clock, answer } = await setup();
    answer({ status }, { status: 200 });
    await connector.onEvent(structuredClone(orderCompleted));
    await clock.advance(13_000);
    expect(connector.requests.map((r) => r.status)).toEqual([status, 200]);
  });

  it("logs and drops a 401 with the event uuids (bug fix: not counted as success)", async () => {
    const { connector, clock, answer } = await setup();
    answer({ status: 401, body: "bad key" });
    await connector.onEvent(structuredClone(orderCompleted));
    await clock.advance(10_000);
    expect(connector.jobs.pending).toEqual([]);
    expect(connector.logs.at(-1)).toMatchObject({ level: "error", message: expect.stringMatching(new RegExp(`^Laudspeaker rejected batch \\d+ of 1 events with HTTP 401 bad key; dropped \\(event uuids: ${orderCompleted.uuid}\\)$`)) });
  });

  it("gives up after 15 attempts and reports the event uuids", async () => {
    const { connector, clock, answer } = await setup();
    answer({ status: 502 });
    await connector.onEvent(structuredClone(orderCompleted));
    await clock.advance(10_000);
    for (let n = 0; n < 14; n++) await clock.advance(2 ** n * 3000);
    expect(connector.requests).toHaveLength(15);
    expect(connector.jobs.pending).toEqual([]);
    expect(connector.errors).toEqual([{ hook: "job uploadBatchToLaud", message: expect.stringContaining(`event uuids: ${orderCompleted.uuid}`) }]);
  });

  it("sets the ph* keys only when configured and $set exists", async () => {
    const { connector } = await setup({ phPhoneNumber: "phone", phCustom: "" });
    const message = await captureMessage(connector, { ...structuredClone(identify), properties: { $set: { email: "a@b.c" } } });
    expect(message).toMatchObject({ phEmail: "a@b.c" });
    expect("phPhoneNumber" in message).toBe(false);
    expect("phCustom" in message).toBe(false);
  });

  it("refuses a config without the write key", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: {} })).rejects.toThrow(/writeKey/);
  });
});

async function captureMessage(connector: Awaited<ReturnType<typeof setup>>["connector"], event: object): Promise<Record<string, unknown>> {
  let body: { batch: Array<Record<string, unknown>> } | undefined;
  connector.mocks.on("POST", URL, (request) => ((body = request.json()), { status: 200 }));
  await connector.onEvent(event as never);
  await connector.flushExports();
  await plugin.teardownPlugin(connector.meta as never);
  return body!.batch[0]!;
}

describe("toSegmentMessage", () => {
  const base = { team_id: 2, uuid: "u", ip: null, timestamp: "t", distinct_id: "d" };
  it("maps $create_alias, $group and $autocapture", () => {
    expect(toSegmentMessage({ ...base, event: "$create_alias", properties: { alias: "new", distinct_id: "old" } } as never)).toMatchObject({ type: "alias", userId: "new", previousId: "old", anonymousId: "old" });
    expect(toSegmentMessage({ ...base, event: "$group", properties: {}, groupId: "g", traits: { n: 1 } } as never)).toMatchObject({ type: "group", groupId: "g", traits: { n: 1 } });
    expect(toSegmentMessage({ ...base, event: "$autocapture", properties: { $event_type: "click", $elements: [{ tag_name: "a" }] } } as never)).toMatchObject({ type: "track", event: "click", properties: { elements: [{ tag_name: "a" }] } });
  });

  it("uses the last candidate when none is truthy, drops null custom properties, nests dotted keys", () => {
    const message = toSegmentMessage({ ...base, distinct_id: "", event: "x", properties: { "a.b": 1, gone: null, $anon_distinct_id: "", distinct_id: "" } } as never);
    expect(message).toMatchObject({ userId: "", anonymousId: "", properties: { a: { b: 1 }, distinct_id: "" } });
    expect(message.properties).not.toHaveProperty("gone");
  });
});

describe("getValue", () => {
  it("prefers the whole dotted key, then joins segments", () => {
    expect(getValue({ "a.b": 1, a: { b: 2 } }, "a.b")).toBe(1);
    expect(getValue({ a: { "b.c": 3 } }, "a.b.c")).toBe(3);
    expect(getValue({ a: null }, "a.b")).toBeUndefined();
  });
});
