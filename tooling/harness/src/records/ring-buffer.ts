/** How much a {@link RingBuffer} keeps: both caps hold at once. */
export interface RingBufferLimits {
  /** Most entries kept. */
  maxEntries: number;
  /** Most bytes kept, as measured by the buffer's `measure`. */
  maxBytes: number;
}

/** Limits plus how to size entries and cut one that alone is over `maxBytes`. */
export interface RingBufferOptions<T> extends RingBufferLimits {
  /** Bytes one entry takes (an estimate; see `approximateBytes`). */
  measure(entry: T): number;
  /** A copy of `entry` that fits in `maxBytes` and says it was cut. */
  truncate(entry: T, maxBytes: number): T;
}

/**
 * A bounded record of the most recent entries: when the entry or byte cap is passed, the oldest entries
 * are dropped first and counted, so a report can say "N dropped" instead of losing them silently. An
 * entry larger than a quarter of the byte cap ({@link entryCap}) is cut to that size (`truncate`)
 * rather than dropped, so one huge entry neither vanishes nor pushes out everything else. Pushing is
 * O(1) amortised; the dropped prefix is compacted away in batches.
 */
export class RingBuffer<T> {
  readonly limits: Readonly<RingBufferLimits>;
  readonly #options: RingBufferOptions<T>;
  #items: T[] = [];
  #sizes: number[] = [];
  #head = 0;
  #bytes = 0;
  #pushed = 0;
  #dropped = 0;
  #truncated = 0;

  constructor(options: RingBufferOptions<T>) {
    if (!(options.maxEntries >= 1) || !(options.maxBytes >= 1)) throw new RangeError(`ring buffer limits must be at least 1 (got ${options.maxEntries} entries, ${options.maxBytes} bytes)`);
    this.#options = options;
    this.limits = Object.freeze({ maxEntries: options.maxEntries, maxBytes: options.maxBytes });
  }

  /** Most bytes one entry keeps: a quarter of the byte cap (at least 1). */
  get entryCap(): number {
    return Math.max(1, Math.floor(this.limits.maxBytes / 4));
  }

  /** Adds `entry` (cut first if it is over {@link entryCap}) and returns what was kept. */
  push(entry: T): T {
    const { maxBytes } = this.limits;
    let kept = entry;
    let size = this.#options.measure(kept);
    if (size > this.entryCap) {
      kept = this.#options.truncate(kept, this.entryCap);
      size = Math.min(this.#options.measure(kept), this.entryCap);
      this.#truncated++;
    }
    this.#items.push(kept);
    this.#sizes.push(size);
    this.#bytes += size;
    this.#pushed++;
    while (this.length > this.limits.maxEntries || this.#bytes > maxBytes) this.#dropOldest();
    return kept;
  }

  /** Entries kept now, oldest first (a copy). */
  toArray(): T[] {
    return this.#items.slice(this.#head);
  }

  /** Entries pushed at or after `mark` (an earlier value of {@link pushed}) that are still kept. */
  since(mark: number): T[] {
    const firstKept = this.#pushed - this.length;
    return this.#items.slice(this.#head + Math.max(0, mark - firstKept));
  }

  /** Entries kept now. */
  get length(): number {
    return this.#items.length - this.#head;
  }

  /** Bytes kept now. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Entries ever pushed. */
  get pushed(): number {
    return this.#pushed;
  }

  /** Entries dropped to stay under the caps, oldest first. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Entries that were cut because one alone was over the byte cap. */
  get truncated(): number {
    return this.#truncated;
  }

  /** Forgets every entry and count. */
  clear(): void {
    this.#items = [];
    this.#sizes = [];
    this.#head = this.#bytes = this.#pushed = this.#dropped = this.#truncated = 0;
  }

  #dropOldest(): void {
    this.#bytes -= this.#sizes[this.#head]!;
    this.#items[this.#head] = undefined as T;
    this.#head++;
    this.#dropped++;
    if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#sizes = this.#sizes.slice(this.#head);
      this.#head = 0;
    }
  }
}
