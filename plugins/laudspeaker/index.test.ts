import { createSyncedClock, createTestConnector } from "@connectors/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";
import identify from "./fixtures/identify.json" with { type: "json" };
import orderCompleted from "./fixtures/order-completed.json" with { type: "json" };
import pageview from "./fixtures/pageview.json" with { type: "json" };
import * as plugin from "./index.ts";
import { toSegmentMessage } from "@connectors/connector-kit";

// The Segment mapping, the buffer and the batch upload (size flushes, back-off, retried and dropped
// statuses, the 15-attempt cap) are connector-kit's and tested there. Here: what is Laudspeaker's own.

const dir = import.meta.dirname;
const URL = "https://api.laudspeaker.com/events/posthog";
const NOW = "2024-03-05T10:30:00.000Z";
const config = { writeKey: "lk_123", phEmail: "email", phCustom: "plan", phPhoneNumber: "" };

afterEach(() => vi.useRealTimers());

async function setup(overrides: Record<string, unknown> = {}) {
  const clock = createSyncedClock(vi, NOW);
  const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...overrides }, clock });
  const seen: Array<{ auth: string; body: { batch: Array<Record<string, unknown>>; sentAt: string } }> = [];
  const answer = (...responses: Array<{ status?: number; error?: string }>) =>
    connector.mocks.on("POST", URL, (request) => (seen.push({ auth: request.headers.authorization!, body: request.json() }), responses.length > 1 ? responses.shift()! : (responses[0] ?? { status: 200 })));
  return { connector, clock, seen, answer };
}

/** What Laudspeaker adds to connector-kit's Segment message: messageId from properties.$insert_id, event, the ph* attributes. */
const expectedOrder = { ...toSegmentMessage(orderCompleted as never), messageId: "ins-9" };
const expectedIdentify = { ...toSegmentMessage(identify as never), event: "$identify", phEmail: "ada@example.com", phCustom: "pro" };

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
    expect(JSON.parse(request!.body)).toEqual({ batch: [expectedOrder, expectedIdentify], sentAt: "2024-03-05T10:30:10.000Z" });
    expect(Object.keys(seen[0]!.body.batch[1]!)).toEqual(Object.keys(expectedIdentify));
    expect(seen[0]!.auth).toBe("Api-Key lk_123");
  });

  it("sends what is still buffered on teardown (the original lost it): the spec's $pageview, with event added", async () => {
    const { connector, seen, answer } = await setup();
    answer();
    await connector.onEvent(structuredClone(pageview));
    await connector.teardown();
    expect(seen.map((s) => s.body.batch)).toEqual([[{ ...toSegmentMessage(pageview as never), event: "$pageview" }]]);
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

  it("retries a failed upload by its job uploadBatchToLaud, which reports a batch past 15 retries as lost", async () => {
    const { connector, clock, answer } = await setup();
    answer({ error: "ECONNRESET" }, { status: 200 });
    await connector.onEvent(structuredClone(orderCompleted));
    await clock.advance(10_000);
    expect(connector.jobs.pending.map((j) => [j.name, j.runAt - clock.now(), j.payload])).toEqual([["uploadBatchToLaud", 3_000, { batch: [expectedOrder], batchId: expect.any(Number), retriesPerformedSoFar: 1, uuids: [orderCompleted.uuid] }]]);
    await clock.advance(3_000);
    expect(connector.requests.map((r) => r.status ?? r.error)).toEqual(["fetch failed: ECONNRESET", 200]);
    await connector.runJob("uploadBatchToLaud", { batch: [{}], batchId: 7, retriesPerformedSoFar: 15 });
    expect(connector.errors).toEqual([{ hook: "job uploadBatchToLaud", message: expect.stringContaining("Laudspeaker batch 7 of 1 events lost (15 retries reached)") }]);
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
