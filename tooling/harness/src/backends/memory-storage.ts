import type { StorageBackend } from "./types.ts";

/** Persistent storage semantics in memory: JSON text values, set-if-absent and atomic increments. */
export class MemoryStorage implements StorageBackend {
  readonly #values = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.#values.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.#values.set(key, value);
  }

  async setIfAbsent(key: string, value: string): Promise<void> {
    if (!this.#values.has(key)) this.#values.set(key, value);
  }

  async increment(key: string, by: number): Promise<number> {
    const current = Number(JSON.parse(this.#values.get(key) ?? "0"));
    if (!Number.isFinite(current)) throw new Error(`storage key "${key}" does not hold a number`);
    const next = current + by;
    this.#values.set(key, JSON.stringify(next));
    return next;
  }

  async del(key: string): Promise<void> {
    this.#values.delete(key);
  }

  async keys(prefix: string): Promise<string[]> {
    return [...this.#values.keys()].filter((key) => key.startsWith(prefix)).sort();
  }
}
