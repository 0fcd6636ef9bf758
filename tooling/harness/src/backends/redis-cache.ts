import { Redis } from "ioredis";
import { BackendError, redactUrl } from "./backend-error.ts";
import type { CacheBackend } from "./types.ts";

/** Options of {@link RedisCache.connect}. */
export interface RedisCacheOptions {
  /** Connect timeout in ms (default 5000). */
  connectTimeoutMs?: number;
}

/**
 * The cache on a real Redis, as PostHog's plugin server kept it: plain Redis strings and lists under
 * the keys the harness namespaces (`@plugin/<pluginId>/<teamId>/<key>`), TTLs with `SET ... EX`.
 * Create it with {@link RedisCache.connect}; `close()` ends the connection.
 */
export class RedisCache implements CacheBackend {
  readonly #redis: Redis;

  private constructor(redis: Redis) {
    this.#redis = redis;
  }

  /**
   * Connects to `redis://[user:password@]host:port[/db]`.
   *
   * @throws BackendError when the server cannot be reached
   */
  static async connect(url: string, options: RedisCacheOptions = {}): Promise<RedisCache> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: options.connectTimeoutMs ?? 5000, retryStrategy: () => null, enableOfflineQueue: false });
    redis.on("error", () => {});
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      throw new BackendError(`Cannot connect to the Redis cache at ${redactUrl(url)}: ${error instanceof Error ? error.message : String(error)}. Fix: start redis-server there, or drop --cache to use the in-memory cache.`, { cause: error });
    }
    return new RedisCache(redis);
  }

  async get(key: string): Promise<string | null> {
    return this.#redis.get(key);
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    if (ttlSeconds) await this.#redis.set(key, value, "EX", Math.ceil(ttlSeconds));
    else await this.#redis.set(key, value);
  }

  incr(key: string): Promise<number> {
    return this.#redis.incr(key);
  }

  async expire(key: string, ttlSeconds: number): Promise<boolean> {
    return (await this.#redis.expire(key, Math.ceil(ttlSeconds))) === 1;
  }

  lpush(key: string, values: string[]): Promise<number> {
    return values.length ? this.#redis.lpush(key, ...values) : this.#redis.llen(key);
  }

  lrange(key: string, start: number, stop: number): Promise<string[]> {
    return this.#redis.lrange(key, start, stop);
  }

  llen(key: string): Promise<number> {
    return this.#redis.llen(key);
  }

  async lpop(key: string, count: number): Promise<string[]> {
    return (await this.#redis.lpop(key, count)) ?? [];
  }

  lrem(key: string, count: number, value: string): Promise<number> {
    return this.#redis.lrem(key, count, value);
  }

  async keys(prefix: string): Promise<string[]> {
    const found: string[] = [];
    const pattern = `${prefix.replace(/[*?[\]\\]/g, "\\$&")}*`;
    let cursor = "0";
    do {
      const [next, batch] = await this.#redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
      found.push(...batch);
      cursor = next;
    } while (cursor !== "0");
    return [...new Set(found)].sort();
  }

  async close(): Promise<void> {
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }
}
