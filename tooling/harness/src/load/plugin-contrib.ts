// No runtime imports: the sandbox prelude bundles this file too, so the buffer logic exists once.

/** What a buffer needs to time its flush: the harness clock on the host, the bridged host clock in the sandbox. */
export interface BufferTimer<Handle = unknown> {
  setTimeout(callback: () => unknown, ms: number): Handle;
  clearTimeout(handle: Handle): void;
}

/** Options of `@posthog/plugin-contrib`'s `createBuffer`. */
export interface BufferOptions<T> {
  /** Flush when adding `points` would exceed this (default 1). */
  limit?: number;
  /** Flush this long after the first add (default 10 s). */
  timeoutSeconds?: number;
  onFlush?: (batch: T[]) => void | Promise<void>;
}

/** `@posthog/plugin-contrib`'s buffer, timed by `clock` (the harness clock, so tests drive it virtually). */
export function createBuffer<T = unknown, Handle = unknown>(options: BufferOptions<T>, clock: BufferTimer<Handle>) {
  const limit = options.limit ?? 1;
  const timeoutMs = (options.timeoutSeconds ?? 10) * 1000;
  let items: T[] = [];
  let points = 0;
  let timer: Handle | undefined;

  /** Starts the flush timeout; when the clock refuses (the sandbox caps its timers), the add is undone and the refusal thrown. */
  const startTimer = (itemPoints: number) => {
    try {
      timer = clock.setTimeout(() => buffer.flush(), timeoutMs);
    } catch (error) {
      items.pop();
      points -= itemPoints;
      throw error;
    }
  };

  const buffer = {
    get points() {
      return points;
    },
    get items() {
      return items;
    },
    add(item: T, itemPoints = 1): void | Promise<void> {
      let flushing: Promise<void> | undefined;
      if (points + itemPoints > limit && items.length > 0) flushing = buffer.flush();
      items.push(item);
      points += itemPoints;
      if (points > limit) {
        // plugin-contrib flushes again at once when the buffer is now over the limit (e.g. one item larger than it)
        const again = buffer.flush();
        flushing = flushing ? Promise.all([flushing, again]).then(() => undefined) : again;
      } else if (timer === undefined) {
        startTimer(itemPoints);
      }
      return flushing;
    },
    async flush(): Promise<void> {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      if (items.length === 0) return;
      const batch = items;
      items = [];
      points = 0;
      await options.onFlush?.(batch);
    },
  };
  return buffer;
}
