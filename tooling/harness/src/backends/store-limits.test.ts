import { describe, expect, it } from "vitest";
import { VirtualClock } from "../clock.ts";
import type { LoadMode } from "../load/load-connector.ts";
import { rejection, sandboxedConnector } from "../sandbox/sandbox-test-support.ts";
import { event } from "../test-support/temp-connector.ts";
import { MemoryCache } from "./memory-cache.ts";
import { MemoryStorage } from "./memory-storage.ts";
import { StoreLimitError } from "./store-limit-error.ts";

const limits = { maxStoreKeys: 3, maxStoreBytes: 100, maxStoreValueBytes: 20 };

async function refusal(run: () => Promise<unknown>): Promise<StoreLimitError> {
  const error = await rejection(run);
  expect(error).toBeInstanceOf(StoreLimitError);
  return error;
}

describe("in-memory cache caps", () => {
  it("refuses a new key past maxStoreKeys, keeps every existing value, and still overwrites and frees keys", async () => {
    const cache = new MemoryCache(new VirtualClock(), limits);
    for (const key of ["a", "b", "c"]) await cache.set(key, key);
    const error = await refusal(() => cache.set("d", "d"));
    expect(error).toMatchObject({ code: "STORE_LIMIT", store: "cache", limit: "maxStoreKeys" });
    expect(error.message).toMatch(/in-memory cache refused a write: it already holds 3 keys, the limit\. Nothing was changed\. Fix: .*bufferLimits\.maxStoreKeys \(CONNECTORS_MAX_STORE_KEYS\)/);
    expect(await Promise.all(["a", "b", "c", "d"].map((key) => cache.get(key)))).toEqual(["a", "b", "c", null]);
    await cache.set("a", "again");
    expect(await cache.lpush("d", ["x"]).catch((e: unknown) => e)).toBeInstanceOf(StoreLimitError);
    await cache.set("c", "", 1);
    expect(await cache.incr("n").catch((e: unknown) => e)).toBeInstanceOf(StoreLimitError);
  });

  it("counts expired keys out when a cap is reached", async () => {
    const clock = new VirtualClock();
    const cache = new MemoryCache(clock, limits);
    for (const key of ["a", "b", "c"]) await cache.set(key, key, 10);
    await clock.advance(10_000);
    await cache.set("d", "d");
    expect(await cache.keys("")).toEqual(["d"]);
  });

  it("refuses a value or a list growing past maxStoreValueBytes, leaving the list as it was", async () => {
    const cache = new MemoryCache(new VirtualClock(), limits);
    expect(await refusal(() => cache.set("big", "x".repeat(21)))).toMatchObject({ limit: "maxStoreValueBytes" });
    await cache.lpush("list", ["0123456789", "012345678"]);
    expect(await refusal(() => cache.lpush("list", ["ab"]))).toMatchObject({ limit: "maxStoreValueBytes" });
    expect(await cache.lrange("list", 0, -1)).toEqual(["012345678", "0123456789"]);
    await cache.lpop("list", 1);
    await cache.lpush("list", ["ab"]);
    expect(await cache.llen("list")).toBe(2);
  });

  it("refuses writes past maxStoreBytes (keys and values together)", async () => {
    const cache = new MemoryCache(new VirtualClock(), { ...limits, maxStoreBytes: 30 });
    await cache.set("k1", "x".repeat(20));
    expect(await refusal(() => cache.set("k2", "y".repeat(7)))).toMatchObject({ limit: "maxStoreBytes" });
    await cache.set("k2", "y".repeat(6));
    expect(await cache.get("k1")).toBe("x".repeat(20));
  });
});

describe("in-memory storage caps", () => {
  it("refuses keys, bytes and values over the caps and keeps what was stored", async () => {
    const storage = new MemoryStorage(limits);
    for (const key of ["a", "b", "c"]) await storage.set(key, '"v"');
    expect(await refusal(() => storage.set("d", "1"))).toMatchObject({ store: "storage", limit: "maxStoreKeys" });
    expect(await refusal(() => storage.setIfAbsent("d", "1"))).toMatchObject({ limit: "maxStoreKeys" });
    expect(await refusal(() => storage.increment("d", 1))).toMatchObject({ limit: "maxStoreKeys" });
    expect(await refusal(() => storage.set("a", JSON.stringify("x".repeat(30))))).toMatchObject({ limit: "maxStoreValueBytes" });
    expect(await storage.get("a")).toBe('"v"');
    await storage.del("c");
    expect(await storage.increment("d", 2)).toBe(2);
    expect(await storage.keys("")).toEqual(["a", "b", "d"]);
  });
});

describe.each<LoadMode>(["bundle", "sandbox"])("a connector flooding cache and storage (%s mode)", (mode) => {
  it("gets a StoreLimitError naming the limit, keeps its earlier data, and later hooks still work", async () => {
    const code = `
      exports.onEvent = async (e, { cache, storage }) => {
        let written = 0
        try { for (;;) { await cache.set('k' + written, 'v'.repeat(100)); written++ } } catch (error) { console.log('cache: ' + written + ' ' + error.message) }
        try { for (let i = 0; ; i++) await storage.set('s' + i, i) } catch (error) { console.log('storage: ' + error.message) }
      }
      exports.processEvent = async (e, { cache, storage }) => ({ ...e, properties: { first: await cache.get('k0', null), stored: await storage.get('s0', null) } })`;
    const connector = await sandboxedConnector(code, { bufferLimits: { maxStoreKeys: 50 } }, { mode });
    await connector.onEvent(event());
    const lines = connector.logs.map((entry) => entry.message);
    expect(lines[0]).toMatch(/^cache: 50 The in-memory cache refused a write: it already holds 50 keys, the limit\..*CONNECTORS_MAX_STORE_KEYS/);
    expect(lines[1]).toMatch(/^storage: The in-memory storage refused a write: it already holds 50 keys, the limit\./);
    expect(await connector.processEvent(event())).toMatchObject({ properties: { first: "v".repeat(100), stored: 0 } });
  });
});

describe.each<LoadMode>(["bundle", "sandbox"])("a connector flooding its job queue (%s mode)", (mode) => {
  it("gets a StoreLimitError past maxPendingJobs or for an oversized payload, and the queued jobs stay", async () => {
    const code = `
      exports.jobs = { later: async () => {} };
      exports.onEvent = async (e, { jobs }) => {
        let queued = 0
        try { for (;;) { await jobs.later({ n: queued }).runIn(1, 'hours'); queued++ } } catch (error) { console.log('queue: ' + queued + ' ' + error.message) }
        try { await jobs.later({ big: 'x'.repeat(2000) }).runIn(1, 'hours') } catch (error) { console.log('payload: ' + error.message) }
      }`;
    const connector = await sandboxedConnector(code, { bufferLimits: { maxPendingJobs: 20, maxStoreValueBytes: 1000 } }, { mode });
    await connector.onEvent(event());
    const lines = connector.logs.map((entry) => entry.message);
    expect(lines[0]).toBe("queue: 20 The job queue refused a job: it already holds 20 pending jobs, the limit. Nothing was queued. Fix: queue fewer or smaller jobs (run work in batches), or raise bufferLimits.maxPendingJobs (CONNECTORS_MAX_PENDING_JOBS).");
    expect(lines[1]).toMatch(/^payload: The job queue refused a job: a payload of 20\d\d bytes is over the 1000-byte limit per value\./);
    expect(connector.jobs.pending.map((job) => (job.payload as { n: number }).n)).toEqual([...Array(20).keys()]);
  });
});
