import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { VirtualClock } from "../clock.ts";
import { cacheNamespace, storageNamespace } from "../meta/build-meta.ts";
import { createCacheExtension } from "../meta/cache-extension.ts";
import { createStorageExtension, createUtilsExtension } from "../meta/storage-extension.ts";
import { MemoryCache } from "./memory-cache.ts";
import { MemoryStorage } from "./memory-storage.ts";
import { PostgresStorage } from "./postgres-storage.ts";
import { RedisCache } from "./redis-cache.ts";
import type { CacheBackend, StorageBackend } from "./types.ts";
import { testServiceSkipLine, testServiceUrl } from "../test-support/test-service-url.ts";

/** One backend under test: how to make it and how to let time pass for its TTLs. */
interface CacheSubject {
  name: string;
  url?: string;
  make(): Promise<{ backend: CacheBackend; advance(ms: number): Promise<void> }>;
}
interface StorageSubject {
  name: string;
  url?: string;
  make(): Promise<StorageBackend>;
}

const REDIS_URL = testServiceUrl("redis");
const PG_URL = testServiceUrl("postgres");
const run = randomBytes(4).toString("hex");
const schema = `contract_${process.pid}_${run}`;
const closers: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => {});
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const cacheSubjects: CacheSubject[] = [
  {
    name: "memory",
    async make() {
      const clock = new VirtualClock(Date.parse("2024-01-01T00:00:00Z"));
      return { backend: new MemoryCache(clock), advance: (ms) => clock.advance(ms) };
    },
  },
  {
    name: "redis",
    ...(REDIS_URL ? { url: REDIS_URL } : {}),
    async make() {
      const backend = await RedisCache.connect(REDIS_URL!);
      closers.push(() => backend.close());
      return { backend, advance: (ms) => sleep(ms) };
    },
  },
];

const storageSubjects: StorageSubject[] = [
  { name: "memory", make: async () => new MemoryStorage() },
  {
    name: "postgres",
    ...(PG_URL ? { url: PG_URL } : {}),
    async make() {
      const backend = await PostgresStorage.connect(PG_URL!, { schema });
      closers.push(() => backend.close());
      return backend;
    },
  },
];

closers.push(async () => {
  if (!PG_URL) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

let pluginSeq = 0;
/** A fresh plugin id per test, so tests never see each other's keys on a shared Redis. */
const freshPlugin = () => `contract-${run}-${++pluginSeq}`;

function skipNotice(service: "postgres" | "redis") {
  it.skip(testServiceSkipLine(service), () => {});
}

for (const subject of cacheSubjects) {
  const needsUrl = subject.name !== "memory";
  describe(`cache contract: ${subject.name}`, () => {
    if (needsUrl && !subject.url) return skipNotice("redis");

    async function cacheFor(pluginId = freshPlugin(), teamId = 2) {
      const { backend, advance } = await subject.make();
      return { backend, advance, pluginId, cache: createCacheExtension(backend, cacheNamespace(pluginId, teamId)) };
    }

    it("stores JSON values and returns the default for missing keys", async () => {
      const { cache } = await cacheFor();
      await cache.set("obj", { a: [1, "two"] });
      expect(await cache.get("obj", null)).toEqual({ a: [1, "two"] });
      expect(await cache.get("missing", "fallback")).toBe("fallback");
      await cache.set("raw", "plain text", undefined, { jsonSerialize: false });
      expect(await cache.get("raw", null, { jsonSerialize: false })).toBe("plain text");
      expect(await cache.get("raw", "d")).toBeNull(); // not JSON: PostHog reads it as null
    });

    it("keys the cache per plugin and team (@plugin/<pluginId>/<teamId>/<key>)", async () => {
      const pluginId = freshPlugin();
      const { backend, cache } = await cacheFor(pluginId, 2);
      const sameTeamOtherConfig = createCacheExtension(backend, cacheNamespace(pluginId, 2));
      const otherTeam = createCacheExtension(backend, cacheNamespace(pluginId, 3));
      const otherPlugin = createCacheExtension(backend, cacheNamespace(freshPlugin(), 2));
      await cache.set("k", 1);
      expect(await sameTeamOtherConfig.get("k", null)).toBe(1);
      expect(await otherTeam.get("k", null)).toBeNull();
      expect(await otherPlugin.get("k", null)).toBeNull();
      expect(await backend.keys(`@plugin/${pluginId}/`)).toEqual([`@plugin/${pluginId}/2/k`]);
    });

    it("expires values after their TTL and with expire()", async () => {
      const { cache, advance } = await cacheFor();
      await cache.set("short", "v", 1);
      await cache.set("kept", "v");
      expect(await cache.expire("kept", 1)).toBe(true);
      expect(await cache.expire("absent", 1)).toBe(false);
      expect(await cache.get("short", null)).toBe("v");
      await advance(1500);
      expect(await cache.get("short", null)).toBeNull();
      expect(await cache.get("kept", null)).toBeNull();
    });

    it("increments counters from zero", async () => {
      const { cache } = await cacheFor();
      expect(await cache.incr("n")).toBe(1);
      expect(await cache.incr("n")).toBe(2);
      expect(await cache.get("n", null)).toBe(2);
    });

    it("increments atomically under concurrency (Redis INCR)", async () => {
      const { cache } = await cacheFor();
      const values = await Promise.all(Array.from({ length: 10 }, () => cache.incr("c")));
      expect(values.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await cache.get("c", null)).toBe(10);
    });

    it("does PostHog's list ops (lpush/lrange/llen/lpop/lrem)", async () => {
      const { cache } = await cacheFor();
      expect(await cache.lpush("list", ["1", "2", "3"])).toBe(3);
      expect(await cache.lpush("list", "4")).toBe(4);
      expect(await cache.lrange("list", 0, -1)).toEqual(["4", "3", "2", "1"]);
      expect(await cache.llen("list")).toBe(4);
      expect(await cache.lpop("list", 1)).toEqual(["4"]);
      expect(await cache.lrem("list", 1, "2")).toBe(1);
      expect(await cache.lrange("list", 0, -1)).toEqual(["3", "1"]);
      expect(await cache.lpop("empty", 2)).toEqual([]);
      expect(await cache.llen("empty")).toBe(0);
    });

    it("stringifies list elements and refuses more than 1000 per lpush", async () => {
      const { cache } = await cacheFor();
      await cache.lpush("nums", [1, 2] as unknown as string[]);
      expect(await cache.lrange("nums", 0, -1)).toEqual(["2", "1"]);
      expect(await cache.lpush("big", Array.from({ length: 1000 }, (_, i) => `${i}`))).toBe(1000);
      await expect(cache.lpush("big", Array.from({ length: 1001 }, (_, i) => `${i}`))).rejects.toThrow(/at most 1000 items/);
      await expect(cache.lpush("bad", 5 as unknown as string)).rejects.toThrow(/string or an array/);
      await expect(cache.lrange("nums", "0" as unknown as number, 1)).rejects.toThrow(/numeric/);
    });
  });
}

for (const subject of storageSubjects) {
  const needsUrl = subject.name !== "memory";
  describe(`storage contract: ${subject.name}`, () => {
    if (needsUrl && !subject.url) return skipNotice("postgres");
    let configSeq = Math.floor(Math.random() * 1e6) * 100;

    async function storageFor(configId = ++configSeq) {
      const backend = await subject.make();
      return { backend, configId, storage: createStorageExtension(backend, storageNamespace(configId)), utils: createUtilsExtension(backend, storageNamespace(configId)) };
    }

    it("round-trips JSON values, returns the default, deletes with del() and set(undefined)", async () => {
      const { storage } = await storageFor();
      await storage.set("obj", { nested: [1, { b: true }] });
      expect(await storage.get("obj", null)).toEqual({ nested: [1, { b: true }] });
      expect(await storage.get("missing", "d")).toBe("d");
      await storage.set("obj", "replaced");
      expect(await storage.get("obj", null)).toBe("replaced");
      await storage.set("obj", undefined);
      expect(await storage.get("obj", "gone")).toBe("gone");
      await storage.set("x", 1);
      await storage.del("x");
      expect(await storage.get("x", null)).toBeNull();
    });

    it("keys storage per plugin config", async () => {
      const { backend, storage, configId } = await storageFor();
      const other = createStorageExtension(backend, storageNamespace(configId + 1));
      await storage.set("k", "mine");
      expect(await other.get("k", null)).toBeNull();
      expect(await backend.keys(`${configId}/`)).toEqual([`${configId}/k`]);
    });

    it("limits keys to 200 characters", async () => {
      const { storage } = await storageFor();
      await storage.set("k".repeat(200), 1);
      expect(await storage.get("k".repeat(200), null)).toBe(1);
      await expect(storage.set("k".repeat(201), 1)).rejects.toThrow(/at most 200 characters/);
    });

    it("keeps cursors: init once, atomic increments", async () => {
      const { utils, storage } = await storageFor();
      await utils.cursor.init("c", 10);
      await utils.cursor.init("c", 99);
      expect(await utils.cursor.increment("c")).toBe(11);
      expect(await utils.cursor.increment("c", 5)).toBe(16);
      const many = await Promise.all(Array.from({ length: 20 }, () => utils.cursor.increment("c")));
      expect(new Set(many).size).toBe(20);
      expect(await storage.get("c", null)).toBe(36);
      expect(await utils.cursor.increment("fresh", 2)).toBe(2);
      await expect(utils.cursor.init("c", "1" as unknown as number)).rejects.toThrow(/numeric/);
    });
  });
}

describe.runIf(PG_URL)("postgres storage table", () => {
  it("uses PostHog's posthog_pluginstorage columns", async () => {
    const backend = await PostgresStorage.connect(PG_URL!, { schema });
    closers.push(() => backend.close());
    await createStorageExtension(backend, storageNamespace(77)).set("answer", 42);
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    const { rows } = await client.query(`SELECT plugin_config_id, key, value FROM "${schema}".posthog_pluginstorage WHERE plugin_config_id = 77`);
    await client.end();
    expect(rows).toEqual([{ plugin_config_id: 77, key: "answer", value: "42" }]);
  });
});

describe("backend connection errors", () => {
  it("names the Redis URL without its password", async () => {
    await expect(RedisCache.connect("redis://user:hunter2@127.0.0.1:1", { connectTimeoutMs: 500 })).rejects.toThrow(/Cannot connect to the Redis cache at redis:\/\/user:\*\*\*@127.0.0.1:1/);
  });
  it("names the PostgreSQL URL without its password", async () => {
    const failure = PostgresStorage.connect("postgres://u:hunter2@127.0.0.1:1/db");
    await expect(failure).rejects.toThrow(/Cannot use PostgreSQL storage at postgres:\/\/u:\*\*\*@127.0.0.1:1\/db/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });
});
