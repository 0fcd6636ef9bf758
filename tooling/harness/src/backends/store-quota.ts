import { howToRaise, type BufferLimits } from "../records/buffer-limits.ts";
import { textBytes } from "../records/approximate-bytes.ts";
import { StoreLimitError } from "./store-limit-error.ts";

/** The caps of one in-memory store. */
export type StoreLimits = Pick<BufferLimits, "maxStoreKeys" | "maxStoreBytes" | "maxStoreValueBytes">;

/**
 * Accounts keys and bytes of one in-memory store (key text plus value text, a list's items summed) and
 * refuses a write that would pass a cap before the store changes, so existing data stays intact.
 */
export class StoreQuota {
  readonly #store: "cache" | "storage";
  readonly #limits: StoreLimits;
  readonly #sizes = new Map<string, number>();
  #bytes = 0;

  constructor(store: "cache" | "storage", limits: StoreLimits) {
    this.#store = store;
    this.#limits = limits;
  }

  /** Keys and bytes held now. */
  get usage(): { keys: number; bytes: number } {
    return { keys: this.#sizes.size, bytes: this.#bytes };
  }

  /** Bytes `key` holding `valueBytes` of value counts for. */
  static entryBytes(key: string, valueBytes: number): number {
    return textBytes(key) + valueBytes;
  }

  /** Bytes `key` counts for now (0 when absent). */
  sizeOf(key: string): number {
    return this.#sizes.get(key) ?? 0;
  }

  /** Throws {@link StoreLimitError} unless `key` may hold `valueBytes` of value; changes nothing. */
  check(key: string, valueBytes: number): void {
    const { maxStoreKeys, maxStoreBytes, maxStoreValueBytes } = this.#limits;
    if (valueBytes > maxStoreValueBytes) this.#refuse("maxStoreValueBytes", `a value of ${valueBytes} bytes is over the ${maxStoreValueBytes}-byte limit per value`);
    const isNew = !this.#sizes.has(key);
    if (isNew && this.#sizes.size + 1 > maxStoreKeys) this.#refuse("maxStoreKeys", `it already holds ${this.#sizes.size} keys, the limit`);
    const bytes = this.#bytes - this.sizeOf(key) + StoreQuota.entryBytes(key, valueBytes);
    if (bytes > maxStoreBytes) this.#refuse("maxStoreBytes", `the write would make it ${bytes} bytes, over the ${maxStoreBytes}-byte limit`);
  }

  /** Records that `key` now holds `valueBytes` of value (after {@link check} passed). */
  set(key: string, valueBytes: number): void {
    this.#bytes += StoreQuota.entryBytes(key, valueBytes) - this.sizeOf(key);
    this.#sizes.set(key, StoreQuota.entryBytes(key, valueBytes));
  }

  /** Records that `key` is gone. */
  delete(key: string): void {
    this.#bytes -= this.sizeOf(key);
    this.#sizes.delete(key);
  }

  #refuse(limit: StoreLimitError["limit"], detail: string): never {
    const fix = this.#store === "cache" ? "let keys expire or delete them (cache.expire, lpop, lrem)" : "delete keys you no longer need (storage.del)";
    throw new StoreLimitError(this.#store, limit, `The in-memory ${this.#store} refused a write: ${detail}. Nothing was changed. Fix: ${fix}, or ${howToRaise(limit)}.`);
  }
}
