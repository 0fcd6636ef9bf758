import { systemClock, type Clock } from "../clock.ts";
import { resolveBufferLimits } from "../records/buffer-limits.ts";
import { textBytes } from "../records/approximate-bytes.ts";
import { StoreLimitError } from "./store-limit-error.ts";
import { StoreQuota, type StoreLimits } from "./store-quota.ts";
import type { CacheBackend } from "./types.ts";

interface Entry {
  value: string | string[];
  expiresAt?: number;
}

function valueBytes(value: string | string[]): number {
  return typeof value === "string" ? textBytes(value) : value.reduce((sum, item) => sum + textBytes(item), 0);
}

/**
 * Redis semantics (strings, lists, INCR, EXPIRE, LREM, ...) in memory, with TTLs on the harness clock.
 * Capped in keys, total bytes and bytes per value (a list counts whole; default:
 * {@link resolveBufferLimits}); a write over a cap rejects with StoreLimitError and changes nothing.
 */
export class MemoryCache implements CacheBackend {
  readonly #entries = new Map<string, Entry>();
  readonly #clock: Clock;
  readonly #quota: StoreQuota;

  constructor(clock: Clock = systemClock, limits: StoreLimits = resolveBufferLimits()) {
    this.#clock = clock;
    this.#quota = new StoreQuota("cache", limits);
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= this.#clock.now()) {
      this.#remove(key);
      return undefined;
    }
    return entry;
  }

  #remove(key: string): void {
    this.#quota.delete(key);
    this.#entries.delete(key);
  }

  /** Stores `entry` under `key` if the caps allow (expired keys are purged first when they would not). */
  #write(key: string, entry: Entry, bytes = valueBytes(entry.value)): void {
    try {
      this.#quota.check(key, bytes);
    } catch (error) {
      if (!(error instanceof StoreLimitError) || error.limit === "maxStoreValueBytes") throw error;
      for (const other of [...this.#entries.keys()]) this.#live(other);
      this.#quota.check(key, bytes);
    }
    this.#quota.set(key, bytes);
    this.#entries.set(key, entry);
  }

  #list(key: string): string[] {
    const entry = this.#live(key);
    if (entry === undefined) return [];
    if (!Array.isArray(entry.value)) throw new Error(`WRONGTYPE cache key "${key}" holds a string, not a list`);
    return entry.value;
  }

  async get(key: string): Promise<string | null> {
    const entry = this.#live(key);
    if (entry === undefined) return null;
    if (Array.isArray(entry.value)) throw new Error(`WRONGTYPE cache key "${key}" holds a list, not a string`);
    return entry.value;
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    const entry: Entry = { value };
    if (ttlSeconds) entry.expiresAt = this.#clock.now() + ttlSeconds * 1000;
    this.#write(key, entry);
  }

  async incr(key: string): Promise<number> {
    // Read and write without an await in between: concurrent INCRs must not read the same value.
    const entry = this.#live(key);
    if (Array.isArray(entry?.value)) throw new Error(`WRONGTYPE cache key "${key}" holds a list, not a string`);
    const next = (entry === undefined ? 0 : Number(entry.value)) + 1;
    if (!Number.isInteger(next)) throw new Error(`ERR cache key "${key}" does not hold an integer`);
    this.#write(key, { ...entry, value: String(next) });
    return next;
  }

  async expire(key: string, ttlSeconds: number): Promise<boolean> {
    const entry = this.#live(key);
    if (!entry) return false;
    entry.expiresAt = this.#clock.now() + ttlSeconds * 1000;
    return true;
  }

  async lpush(key: string, values: string[]): Promise<number> {
    const list = this.#list(key);
    const next = [...[...values].reverse(), ...list];
    const listBytes = this.#quota.sizeOf(key) === 0 ? 0 : this.#quota.sizeOf(key) - textBytes(key);
    this.#write(key, { ...this.#live(key), value: next }, listBytes + valueBytes(values));
    return next.length;
  }

  async lrange(key: string, start: number, stop: number): Promise<string[]> {
    const list = this.#list(key);
    const from = start < 0 ? Math.max(0, list.length + start) : start;
    const to = stop < 0 ? list.length + stop : stop;
    return list.slice(from, to + 1);
  }

  async llen(key: string): Promise<number> {
    return this.#list(key).length;
  }

  async lpop(key: string, count: number): Promise<string[]> {
    const list = this.#list(key);
    const popped = list.splice(0, count);
    if (list.length === 0) this.#remove(key);
    else this.#quota.set(key, valueBytes(list));
    return popped;
  }

  async lrem(key: string, count: number, value: string): Promise<number> {
    const list = this.#list(key);
    const limit = count === 0 ? Infinity : Math.abs(count);
    const indexes = list.map((v, i) => (v === value ? i : -1)).filter((i) => i >= 0);
    const chosen = new Set((count < 0 ? indexes.reverse() : indexes).slice(0, limit));
    const kept = list.filter((_, i) => !chosen.has(i));
    if (kept.length) this.#write(key, { ...this.#live(key), value: kept });
    else this.#remove(key);
    return chosen.size;
  }

  async keys(prefix: string): Promise<string[]> {
    return [...this.#entries.keys()].filter((key) => key.startsWith(prefix) && this.#live(key)).sort();
  }
}
