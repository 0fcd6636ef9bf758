import type { PluginMeta } from "@posthog/plugin-scaffold";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BatchLostError, MAX_RETRIES, retryBatch, uploadBatch, type RetryPayload, type UploadTarget } from "./upload-batch.ts";

const target: UploadTarget = { service: "Acme", url: "https://api.acme.test/batch", authorization: "Api-Key k", retryJob: "retryUpload" };
const payload: RetryPayload = { batch: [{ type: "track", event: "a" }, { type: "track", event: "b" }], batchId: 42, retriesPerformedSoFar: 0, uuids: ["u1", "u2"] };
type Answer = { status: number; body?: string } | { error: string };

/**
 * A meta whose fetch gives `answers` in turn (the last one repeats), recording each request, its log
 * lines and the retry jobs it enqueues.
 */
function setup(...answers: Answer[]) {
  const requests: Array<{ url: string; init: RequestInit; sentAt: string }> = [];
  const logs: Array<[level: string, message: string]> = [];
  const retries: Array<{ payload: RetryPayload; delay: number; unit: string }> = [];
  const fetch = async (url: string, init: RequestInit) => {
    requests.push({ url, init, sentAt: JSON.parse(init.body as string).sentAt });
    const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
    if ("error" in answer) throw new TypeError(`fetch failed: ${answer.error}`);
    return new Response(answer.body ?? "", { status: answer.status });
  };
  const logger = Object.fromEntries(["log", "warn", "error"].map((level) => [level, (message: string) => void logs.push([level, message])]));
  const jobs = { retryUpload: (next: RetryPayload) => ({ runIn: async (delay: number, unit: string) => void retries.push({ payload: next, delay, unit }) }) };
  const meta = { fetch, logger, jobs } as unknown as PluginMeta;
  return { meta, requests, logs, retries };
}

/** Runs the upload, then each retry job it enqueues, as the job queue would; returns the error it ended with. */
async function uploadWithRetries(meta: PluginMeta, retries: Array<{ payload: RetryPayload }>): Promise<unknown> {
  try {
    await uploadBatch(meta, target, payload);
    for (let i = 0; i < retries.length; i++) await uploadBatch(meta, target, retries[i]!.payload);
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Fixes `Date` (sentAt is the time of the attempt). */
function setTime(iso: string): void {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
}

afterEach(() => vi.useRealTimers());

describe("uploadBatch", () => {
  it("POSTs {batch, sentAt} as JSON with the target's Authorization and a timeout, and logs the flush", async () => {
    const { meta, requests, logs, retries } = setup({ status: 200 });
    setTime("2024-03-05T10:30:00.000Z");
    await uploadBatch(meta, target, payload);
    expect(requests).toHaveLength(1);
    const { url, init } = requests[0]!;
    expect({ url, method: init.method, headers: init.headers, body: JSON.parse(init.body as string) }).toEqual({
      url: target.url,
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Api-Key k" },
      body: { batch: payload.batch, sentAt: "2024-03-05T10:30:00.000Z" },
    });
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(logs).toEqual([["log", "Flushed 2 events to Acme (batch 42)"]]);
    expect(retries).toEqual([]);
  });

  it("retries a network error by the retry job after 3 s, then 6 s, with the original payload", async () => {
    const { meta, requests, retries, logs } = setup({ error: "ECONNRESET" }, { error: "ECONNRESET" }, { status: 200 });
    expect(await uploadWithRetries(meta, retries)).toBeUndefined();
    expect(retries).toEqual([
      { payload: { ...payload, retriesPerformedSoFar: 1 }, delay: 3_000, unit: "milliseconds" },
      { payload: { ...payload, retriesPerformedSoFar: 2 }, delay: 6_000, unit: "milliseconds" },
    ]);
    expect(requests).toHaveLength(3);
    expect(logs.map(([level]) => level)).toEqual(["warn", "warn", "log"]);
    expect(logs[0]![1]).toBe("Failed to send batch 42 to Acme (fetch failed: ECONNRESET); retrying in 3 s");
  });

  it("recomputes sentAt on each attempt", async () => {
    const { meta, requests, retries } = setup({ error: "ECONNRESET" }, { status: 200 });
    setTime("2024-03-05T10:30:00.000Z");
    await uploadBatch(meta, target, payload);
    setTime("2024-03-05T10:31:09.000Z");
    await uploadBatch(meta, target, retries[0]!.payload);
    expect(requests.map((r) => r.sentAt)).toEqual(["2024-03-05T10:30:00.000Z", "2024-03-05T10:31:09.000Z"]);
  });

  it.each([[500], [502], [503], [429]])("retries HTTP %i like a network error (bug fix: statuses were ignored)", async (status) => {
    const { meta, requests, retries } = setup({ status, body: "busy" }, { status: 200 });
    await uploadWithRetries(meta, retries);
    expect(retries.map((r) => [r.payload.retriesPerformedSoFar, r.delay])).toEqual([[1, 3_000]]);
    expect(requests).toHaveLength(2);
  });

  it.each([[400], [401]])("logs and drops HTTP %i with the event uuids (bug fix: not counted as success)", async (status) => {
    const { meta, logs, retries } = setup({ status, body: "Invalid write key" });
    await uploadBatch(meta, target, payload);
    expect(retries).toEqual([]);
    expect(logs).toEqual([["error", `Acme rejected batch 42 of 2 events with HTTP ${status} Invalid write key; dropped (event uuids: u1, u2)`]]);
  });

  it("gives up after 15 attempts (3 s, 6 s, 12 s, ... apart) with a BatchLostError naming the uuids", async () => {
    const { meta, requests, retries, logs } = setup({ status: 502 });
    const error = await uploadWithRetries(meta, retries);
    expect(requests).toHaveLength(MAX_RETRIES);
    expect(retries.map((r) => r.delay)).toEqual(Array.from({ length: 14 }, (_, n) => 2 ** n * 3000));
    expect(error).toBeInstanceOf(BatchLostError);
    expect((error as Error).message).toBe("Acme batch 42 of 2 events lost (still failing after 14 retries: HTTP 502); event uuids: u1, u2");
    expect(logs.at(-1)).toEqual(["error", (error as Error).message]);
  });
});

describe("BatchLostError", () => {
  it("names the service, the batch, why, and the event uuids", () => {
    const error = new BatchLostError("RudderStack", { ...payload, batch: [{}], batchId: 7, uuids: ["u9"] }, "15 retries reached");
    expect(error.name).toBe("BatchLostError");
    expect(error.message).toBe("RudderStack batch 7 of 1 events lost (15 retries reached); event uuids: u9");
  });
});

describe("retryBatch", () => {
  it("uploads the batch again while it has retries left", async () => {
    const { meta, requests } = setup({ status: 200 });
    await retryBatch(meta, target, { ...payload, retriesPerformedSoFar: MAX_RETRIES - 1 });
    expect(requests).toHaveLength(1);
  });

  it("reports a batch that already had the maximum retries as lost, without sending it (uuids default to none)", async () => {
    const { meta, requests } = setup({ status: 200 });
    const { uuids: _, ...withoutUuids } = payload;
    const error = await retryBatch(meta, target, { ...withoutUuids, retriesPerformedSoFar: MAX_RETRIES }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchLostError);
    expect((error as Error).message).toBe("Acme batch 42 of 2 events lost (15 retries reached); event uuids: ");
    expect(requests).toHaveLength(0);
  });
});
