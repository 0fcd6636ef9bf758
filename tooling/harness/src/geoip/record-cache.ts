/** Records kept per reader: a City record is a few KiB, so at most a few MiB per isolate. */
export const GEOIP_RECORD_CACHE_SIZE = 1_000;

/**
 * Decoded MaxMind records by their offset in the database, the last `max` looked up (an LRU, as
 * geoip2-node kept for PostHog's plugins): a city's record is decoded once, not on every lookup of an
 * address in it. Records are shared between lookups, so whoever reads them must copy before handing
 * anything out (`toCity` does). Used by the host reader (mmdb-lib's `cache` option) and the in-isolate one.
 */
export class RecordCache<V> {
  readonly #max: number;
  readonly #entries = new Map<number, V>();

  constructor(max = GEOIP_RECORD_CACHE_SIZE) {
    this.#max = max;
  }

  get(offset: number): V | undefined {
    const value = this.#entries.get(offset);
    if (value !== undefined) {
      this.#entries.delete(offset);
      this.#entries.set(offset, value);
    }
    return value;
  }

  set(offset: number, value: V): void {
    this.#entries.delete(offset);
    this.#entries.set(offset, value);
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
  }

  get size(): number {
    return this.#entries.size;
  }
}
