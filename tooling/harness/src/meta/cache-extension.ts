import type { CacheExtension, CacheOptions } from "@connectors/plugin-api";
import type { CacheBackend } from "../backends/types.ts";
import { IllegalOperationError } from "../errors.ts";

const MAX_LPUSH = 1000;

function serialize(value: unknown, options?: CacheOptions): string {
  return options?.jsonSerialize === false ? String(value) : JSON.stringify(value);
}

function deserialize(raw: string, options?: CacheOptions): unknown {
  if (options?.jsonSerialize === false) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

/**
 * `meta.cache` with PostHog's semantics over a backend: keys live under `@plugin/<pluginId>/<teamId>/`
 * (shared by every config of the plugin in one project), values are JSON unless
 * `{ jsonSerialize: false }`, a missing key returns the default, `lpush` takes at most 1000 items.
 */
export function createCacheExtension(backend: CacheBackend, namespace: string): CacheExtension {
  const k = (key: string) => `${namespace}${key}`;
  return {
    async set(key, value, ttlSeconds, options) {
      await backend.set(k(key), serialize(value, options), ttlSeconds || undefined);
    },
    async get(key, defaultValue, options) {
      const raw = await backend.get(k(key));
      // Missing key -> the default; a stored JSON null stays null; invalid JSON -> null (PostHog's rules).
      return raw === null || raw === undefined ? defaultValue : deserialize(raw, options);
    },
    incr: (key) => backend.incr(k(key)),
    expire: (key, ttlSeconds) => backend.expire(k(key), ttlSeconds),
    async lpush(key, elementOrArray) {
      if (!Array.isArray(elementOrArray) && typeof elementOrArray !== "string") {
        throw new IllegalOperationError("cache.lpush takes a string or an array of strings");
      }
      const values = Array.isArray(elementOrArray) ? elementOrArray : [elementOrArray];
      if (values.length > MAX_LPUSH) throw new IllegalOperationError(`cache.lpush takes at most ${MAX_LPUSH} items per call (got ${values.length})`);
      return backend.lpush(k(key), values.map(String));
    },
    async lrange(key, start, end) {
      if (typeof start !== "number" || typeof end !== "number") throw new IllegalOperationError("cache.lrange needs numeric start and end indexes");
      return backend.lrange(k(key), start, end);
    },
    llen: (key) => backend.llen(k(key)),
    lpop: (key, count) => backend.lpop(k(key), count),
    async lrem(key, count, elementKey) {
      if (typeof count !== "number") throw new IllegalOperationError("cache.lrem needs a numeric count");
      return backend.lrem(k(key), count, String(elementKey));
    },
  };
}
