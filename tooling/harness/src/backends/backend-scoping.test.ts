import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createConnector } from "../create-connector.ts";
import { event, tempConnector } from "../test-support/temp-connector.ts";
import { MemoryCache } from "./memory-cache.ts";
import { MemoryStorage } from "./memory-storage.ts";
import { PostgresStorage } from "./postgres-storage.ts";
import { RedisCache } from "./redis-cache.ts";
import type { CacheBackend, StorageBackend } from "./types.ts";
import { testServiceSkipLine, testServiceUrl } from "../test-support/test-service-url.ts";

const REDIS_URL = testServiceUrl("redis");
const PG_URL = testServiceUrl("postgres");
const schema = `scoping_${process.pid}_${randomBytes(3).toString("hex")}`;
const closers: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const close of closers) await close().catch(() => {});
  if (PG_URL) {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
});

const backends: Array<{ name: string; enabled: boolean; make(): Promise<{ cache: CacheBackend; storage: StorageBackend }> }> = [
  { name: "memory", enabled: true, make: async () => ({ cache: new MemoryCache(), storage: new MemoryStorage() }) },
  {
    name: "redis + postgres",
    enabled: Boolean(REDIS_URL && PG_URL),
    async make() {
      const cache = await RedisCache.connect(REDIS_URL!);
      const storage = await PostgresStorage.connect(PG_URL!, { schema });
      closers.push(() => cache.close(), () => storage.close());
      return { cache, storage };
    },
  },
];

// A legacy-style counter: cache.incr (per plugin + team) and storage (per plugin config).
const CODE = "exports.processEvent = async (e, { cache, storage }) => { const c = await cache.incr('count'); const s = (await storage.get('count', 0)) + 1; await storage.set('count', s); return { ...e, properties: { c, s } } }";

for (const backend of backends) {
  describe(`connector scoping: ${backend.name}`, () => {
    if (!backend.enabled) {
      for (const service of [REDIS_URL ? undefined : "redis", PG_URL ? undefined : "postgres"] as const) if (service) it.skip(testServiceSkipLine(service), () => {});
      return;
    }
    it("shares the cache between configs of one plugin in a team, not across teams; storage is per config", async () => {
      const { cache, storage } = await backend.make();
      const dir = tempConnector({ "plugin.json": { name: "Counter" }, "index.js": CODE });
      const pluginId = `scoping-${randomBytes(4).toString("hex")}`;
      const instance = (pluginConfigId: number, teamId: number) => createConnector(dir, { cache, storage, pluginId, pluginConfigId, teamId });
      const configA = await instance(1001, 2);
      const configB = await instance(1002, 2);
      const otherTeam = await instance(1003, 3);
      const run = async (c: Awaited<ReturnType<typeof instance>>) => (await c.processEvent(event()))?.properties;
      expect(await run(configA)).toEqual({ c: 1, s: 1 });
      expect(await run(configB)).toEqual({ c: 2, s: 1 });
      expect(await run(configA)).toEqual({ c: 3, s: 2 });
      expect(await run(otherTeam)).toEqual({ c: 1, s: 1 });
      const reopened = await instance(1001, 2);
      expect(await run(reopened)).toEqual({ c: 4, s: 3 });
      expect(await cache.keys(`@plugin/${pluginId}/`)).toEqual([`@plugin/${pluginId}/2/count`, `@plugin/${pluginId}/3/count`]);
    });
  });
}
