/** The median of numbers (the middle one, or the mean of the two middle ones). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Items per second of `run(items)` over several rounds (median), after one warm-up round. `prepare`
 * builds fresh inputs for each round outside the timed part.
 */
export async function throughput<T>(options: { rounds: number; prepare: () => T[]; run: (items: T[]) => Promise<void> }): Promise<number> {
  await options.run(options.prepare());
  const rates: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const items = options.prepare();
    const started = performance.now();
    await options.run(items);
    rates.push(items.length / ((performance.now() - started) / 1000));
  }
  return median(rates);
}

/** Wall time in ms of one call, and the highest RSS sampled while it ran (MiB). */
export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; peakRssMiB: number; value: T }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  try {
    const value = await run();
    return { ms: performance.now() - started, peakRssMiB: Math.max(peak, process.memoryUsage().rss) / 2 ** 20, value };
  } finally {
    clearInterval(sampler);
  }
}

/** A result compared with a baseline: ratio = baseline rate / rate for throughputs (>1 is slower). */
export function slowdown(rate: number, baselineRate: number): number {
  return baselineRate / rate;
}

/**
 * Items per second of several contenders, measured round-robin (A, B, C, A, B, C, ...) so that
 * machine noise and JIT warm-up hit all of them alike; the median per contender after a warm-up round.
 * `settle` runs before each timed run, outside the time (the bench collects the host's garbage there,
 * so one contender's garbage is not collected in the next one's time).
 */
export async function compareThroughput<T>(options: { rounds: number; prepare: () => T[]; contenders: Record<string, (items: T[]) => Promise<void>>; settle?: () => void }): Promise<Record<string, number>> {
  const names = Object.keys(options.contenders);
  const rates: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = -1; round < options.rounds; round++) {
    for (const name of names) {
      const items = options.prepare();
      options.settle?.();
      const started = performance.now();
      await options.contenders[name]!(items);
      if (round >= 0) rates[name]!.push(items.length / ((performance.now() - started) / 1000));
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(rates[name]!)]));
}

/** Options of {@link itemsForSeconds}. */
export interface RoundSizeOptions<T> {
  seconds: number;
  min: number;
  max: number;
  probe: number;
  make: (count: number) => T[];
  contenders: Record<string, (items: T[]) => Promise<void>>;
  /** The clock the probe runs are timed with, in ms (default `performance.now`). */
  now?: () => number;
}

/**
 * How many items a round should have so that the slowest contender takes about `seconds`: each
 * contender runs once on `probe` items (which also warms it up), then the slowest rate decides,
 * kept within `min`..`max`.
 */
export async function itemsForSeconds<T>(options: RoundSizeOptions<T>): Promise<number> {
  const now = options.now ?? (() => performance.now());
  let slowest = Number.POSITIVE_INFINITY;
  for (const run of Object.values(options.contenders)) {
    const items = options.make(options.probe);
    const started = now();
    await run(items);
    slowest = Math.min(slowest, items.length / ((now() - started) / 1000));
  }
  return Math.round(Math.min(options.max, Math.max(options.min, slowest * options.seconds)));
}
