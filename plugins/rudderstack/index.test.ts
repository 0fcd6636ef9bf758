import { createSyncedClock, createTestConnector } from "@connectors/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";
import identify from "./fixtures/identify.json" with { type: "json" };
import orderCompleted from "./fixtures/order-completed.json" with { type: "json" };
import pageview from "./fixtures/pageview.json" with { type: "json" };
import * as plugin from "./index.ts";
import { toSegmentMessage } from "@connectors/connector-kit";

// The Segment mapping, the buffer and the batch upload (size flushes, back-off, retried and dropped
// statuses, the 15-attempt cap, sentAt per attempt) are connector-kit's and tested there. Here: what is
// RudderStack's own.

const dir = import.meta.dirname;
const URL = "https://hosted.rudderlabs.com/v1/batch";
const NOW = "2024-03-05T10:30:00.000Z";
const config = { writeKey: "WRITEKEY1", dataPlaneUrl: URL };

afterEach(() => vi.useRealTimers());

async function setup(overrides: Record<string, unknown> = {}) {
  const clock = createSyncedClock(vi, NOW);
  const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...overrides }, clock });
  const seen: Array<{ auth: string; body: { batch: Array<Record<string, unknown>>; sentAt: string } }> = [];
  const answer = (...responses: Array<{ status?: number; error?: string; body?: string }>) =>
    connector.mocks.on("POST", URL, (request) => (seen.push({ auth: request.headers.authorization!, body: request.json() }), responses.length > 1 ? responses.shift()! : (responses[0] ?? { status: 200, body: "OK" })));
  return { connector, clock, seen, answer };
}

/** RudderStack sends connector-kit's Segment messages unchanged (the spec's example messages are checked in its to-segment-message.test.ts). */
const expectedOrder = toSegmentMessage(orderCompleted as never);
const expectedIdentify = toSegmentMessage(identify as never);

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
    expect(JSON.parse(request!.body)).toEqual({ batch: [expectedOrder, expectedIdentify], sentAt: "2024-03-05T10:31:00.000Z" });
    expect(Object.keys(seen[0]!.body.batch[0]!)).toEqual(Object.keys(expectedOrder));
    expect(seen[0]!.auth).toBe("Basic V1JJVEVLRVkxOg==");
  });

  it("sends what is still buffered on teardown (the original lost it): the spec's $pageview, mapped by connector-kit", async () => {
    const { connector, seen, answer } = await setup();
    answer();
    await connector.onEvent(structuredClone(pageview));
    await connector.teardown();
    expect(seen.map((s) => s.body.batch)).toEqual([[toSegmentMessage(pageview as never)]]);
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

  it("retries a failed upload by its job uploadBatchToRudder, which drops a job that already has 15 retries, reporting it", async () => {
    const { connector, clock, answer } = await setup();
    answer({ status: 503 }, { status: 200 });
    await connector.onEvent(structuredClone(orderCompleted));
    await clock.advance(60_000);
    expect(connector.jobs.pending.map((j) => [j.name, j.runAt - clock.now()])).toEqual([["uploadBatchToRudder", 3_000]]);
    expect(connector.jobs.pending[0]!.payload).toEqual({ batch: [expectedOrder], batchId: expect.any(Number), retriesPerformedSoFar: 1, uuids: [orderCompleted.uuid] });
    await clock.advance(3_000);
    expect(connector.requests.map((r) => r.status)).toEqual([503, 200]);
    await connector.runJob("uploadBatchToRudder", { batch: [{}], batchId: 7, retriesPerformedSoFar: 15 });
    expect(connector.requests).toHaveLength(2);
    expect(connector.errors[0]!.message).toContain("RudderStack batch 7 of 1 events lost (15 retries reached)");
  });

  it("refuses a config without the write key", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: {} })).rejects.toThrow(/writeKey/);
  });
});
