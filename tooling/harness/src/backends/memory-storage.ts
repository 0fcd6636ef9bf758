import { resolveBufferLimits } from "../records/buffer-limits.ts";
import { textBytes } from "../records/approximate-bytes.ts";
import { StoreQuota, type StoreLimits } from "./store-quota.ts";
import type { StorageBackend } from "./types.ts";

/**
 * Persistent storage semantics in memory: JSON text values, set-if-absent and atomic increments. Capped
 * in keys, total bytes and bytes per value (default: {@link resolveBufferLimits}); a write over a cap
 * rejects with StoreLimitError and leaves the stored data as it was.
 */
export class MemoryStorage implements StorageBackend {
  readonly #values = new Map<string, string>();
  readonly #quota: StoreQuota;

  constructor(limits: StoreLimits = resolveBufferLimits()) {
    this.#quota = new StoreQuota("storage", limits);
  }

  #write(key: string, value: string): void {
    const bytes = textBytes(value);
    this.#quota.check(key, bytes);
    this.#quota.set(key, bytes);
    this.#values.set(key, value);
  }

  async get(key: string): Promise<string | undefined> {
    return this.#values.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.#write(key, value);
  }

  async setIfAbsent(key: string, value: string): Promise<void> {
    if (!this.#values.has(key)) this.#write(key, value);
  }

  async increment(key: string, by: number): Promise<number> {
    const current = Number(JSON.parse(this.#values.get(key) ?? "0"));
    if (!Number.isFinite(current)) throw new Error(`storage key "${key}" does not hold a number`);
    const next = current + by;
    this.#write(key, JSON.stringify(next));
    return next;
  }

  async del(key: string): Promise<void> {
    this.#quota.delete(key);
    this.#values.delete(key);
  }

  async keys(prefix: string): Promise<string[]> {
    return [...this.#values.keys()].filter((key) => key.startsWith(prefix)).sort();
  }
}
