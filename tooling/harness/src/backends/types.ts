/**
 * A Redis-like store of strings and string lists. The harness namespaces keys per plugin and team
 * before they reach it. Implementations: in-memory (default), Redis.
 */
export interface CacheBackend {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  incr(key: string): Promise<number>;
  /** True when the key exists and now expires in `ttlSeconds`. */
  expire(key: string, ttlSeconds: number): Promise<boolean>;
  lpush(key: string, values: string[]): Promise<number>;
  lrange(key: string, start: number, stop: number): Promise<string[]>;
  llen(key: string): Promise<number>;
  lpop(key: string, count: number): Promise<string[]>;
  lrem(key: string, count: number, value: string): Promise<number>;
  /** Keys under a prefix, for inspection (dev UI, tests). */
  keys(prefix: string): Promise<string[]>;
  close?(): Promise<void>;
}

/**
 * A persistent key/value store of JSON text. The harness namespaces keys per plugin config.
 * Implementations: in-memory (default), PostgreSQL.
 */
export interface StorageBackend {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  /** Sets the value only when the key is absent (for `utils.cursor.init`). */
  setIfAbsent(key: string, value: string): Promise<void>;
  /** Atomically adds `by` to a numeric value and returns the new value. */
  increment(key: string, by: number): Promise<number>;
  del(key: string): Promise<void>;
  keys(prefix: string): Promise<string[]>;
  close?(): Promise<void>;
}
