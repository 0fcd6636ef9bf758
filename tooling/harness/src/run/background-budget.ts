import type { Clock } from "../clock.ts";
import { BackgroundBudgetError } from "../errors.ts";

/** Reads a CPU-time counter in milliseconds (an isolate's, or the process's). */
export type CpuMeter = () => number;

/** CPU milliseconds this process has used (user and system). */
export const processCpuMs: CpuMeter = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** What {@link BackgroundBudget} needs. */
export interface BackgroundBudgetOptions {
  plugin: string;
  /** CPU milliseconds background work may use per window. */
  cpuMs: number;
  /** Length of the rolling window, in milliseconds of `clock`. */
  windowMs: number;
  clock: Clock;
  /** Told about every refusal (the harness logs it and keeps it in `errors`). */
  onRefused?: (error: BackgroundBudgetError) => void;
}

/**
 * One connector instance's CPU budget for work that outlives a hook (createBuffer flushes, jobs):
 * every such piece of work is charged the CPU it used to one rolling window, instead of getting a fresh
 * per-call budget each time, so a buffer that re-arms itself forever or a job that re-enqueues itself
 * runs out. Once spent, further background work is refused (and reported) until old charges leave the
 * window; hooks are not charged and keep working.
 */
export class BackgroundBudget {
  readonly cpuMs: number;
  readonly windowMs: number;
  readonly #options: BackgroundBudgetOptions;
  #charges: Array<{ at: number; ms: number }> = [];
  /** Background pieces refused so far. */
  refused = 0;

  constructor(options: BackgroundBudgetOptions) {
    this.#options = options;
    this.cpuMs = options.cpuMs;
    this.windowMs = options.windowMs;
  }

  /** CPU milliseconds left in the current window (0 when spent). */
  remainingMs(): number {
    const since = this.#options.clock.now() - this.windowMs;
    this.#charges = this.#charges.filter((charge) => charge.at > since);
    return Math.max(0, this.cpuMs - this.#charges.reduce((sum, charge) => sum + charge.ms, 0));
  }

  /** Charges `ms` of CPU to the current window. */
  charge(ms: number): void {
    if (ms > 0) this.#charges.push({ at: this.#options.clock.now(), ms });
  }

  /** True when `work` may start; otherwise reports a {@link BackgroundBudgetError} and answers false. */
  admit(work: string): boolean {
    if (this.remainingMs() > 0) return true;
    this.report(this.refuse(work));
    return false;
  }

  /** Tells the harness (log and `errors`) about a refusal that has no caller to throw to. */
  report(error: BackgroundBudgetError): void {
    this.#options.onRefused?.(error);
  }

  /** Counts `work` as refused (or `stopped` part-way when the budget ran out) and answers the error saying so. */
  refuse(work: string, stopped = false): BackgroundBudgetError {
    this.refused++;
    return new BackgroundBudgetError(this.#options.plugin, work, this, stopped);
  }

  /** Runs `work` when the budget allows (else throws its refusal), charging the CPU `meter` saw it use. */
  async run<T>(work: string, meter: CpuMeter, run: () => Promise<T>): Promise<T> {
    if (this.remainingMs() <= 0) throw this.refuse(work);
    const before = meter();
    try {
      return await run();
    } finally {
      this.charge(meter() - before);
    }
  }
}
