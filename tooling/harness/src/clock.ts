/** A timer registered with a {@link Clock}. */
export interface TimerHandle {
  readonly id: number;
}

/** Time as the harness sees it: real in production and on the CLI, virtual in tests. */
export interface Clock {
  now(): number;
  /** Runs `callback` after `ms`; a promise it returns is awaited by a virtual clock's `advance`. */
  setTimeout(callback: () => unknown, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

let nextId = 1;

/** The wall clock. Its timers do not keep the process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const timer = setTimeout(() => void callback(), ms);
    timer.unref?.();
    const handle = { id: nextId++, timer };
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout((handle as TimerHandle & { timer: NodeJS.Timeout }).timer);
  },
};

interface PendingTimer extends TimerHandle {
  at: number;
  callback: () => unknown;
}

/**
 * A clock that only moves when told to. `advance(ms)` fires due timers in time order and awaits
 * whatever they return, so buffers, job back-offs and schedules run deterministically in tests.
 *
 * @example
 * const clock = new VirtualClock("2024-01-01T00:00:00Z");
 * await clock.advance(6_000); // runs everything due in the next 6 s
 */
export class VirtualClock implements Clock {
  #now: number;
  #timers: PendingTimer[] = [];
  #listeners: Array<(now: number) => void> = [];

  constructor(start: number | string | Date = "2024-01-01T00:00:00.000Z") {
    this.#now = new Date(start).getTime();
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => unknown, ms: number): TimerHandle {
    const timer = { id: nextId++, at: this.#now + Math.max(0, ms), callback };
    this.#timers.push(timer);
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers = this.#timers.filter((timer) => timer.id !== handle.id);
  }

  /** Called with the new time whenever the clock moves (e.g. to move a fake `Date`). */
  onChange(listener: (now: number) => void): void {
    this.#listeners.push(listener);
  }

  /** Number of timers not yet fired. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      await settle();
      const due = this.#timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t !== due);
      this.#set(Math.max(this.#now, due.at));
      await due.callback();
    }
    this.#set(target);
    await settle();
  }

  /** Moves to the next timer and fires it; false when none is pending. */
  async next(): Promise<boolean> {
    const due = [...this.#timers].sort((a, b) => a.at - b.at || a.id - b.id)[0];
    if (!due) return false;
    await this.advance(due.at - this.#now);
    return true;
  }

  #set(now: number): void {
    this.#now = now;
    for (const listener of this.#listeners) listener(now);
  }
}

/** Lets pending promise callbacks run (a few macrotask turns). */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
