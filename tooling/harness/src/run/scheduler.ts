import type { ScheduledTaskName } from "@connectors/plugin-api";
import type { Clock, TimerHandle } from "../clock.ts";

const PERIOD_MS: Record<ScheduledTaskName, number> = {
  runEveryMinute: 60_000,
  runEveryHour: 3_600_000,
  runEveryDay: 86_400_000,
};

/** The next cron boundary after `now` (UTC): the next minute, the next hour, the next midnight. */
export function nextRun(task: ScheduledTaskName, now: number): number {
  const period = PERIOD_MS[task];
  return Math.floor(now / period) * period + period;
}

/**
 * Fires scheduled tasks on their cron boundaries (`* * * * *`, `0 * * * *`, `0 0 * * *`) on the
 * harness clock, one run of a task at a time.
 */
export class Scheduler {
  readonly #clock: Clock;
  readonly #run: (task: ScheduledTaskName) => Promise<unknown>;
  readonly #timers = new Map<ScheduledTaskName, TimerHandle>();

  constructor(clock: Clock, run: (task: ScheduledTaskName) => Promise<unknown>) {
    this.#clock = clock;
    this.#run = run;
  }

  start(tasks: readonly ScheduledTaskName[]): void {
    for (const task of tasks) this.#arm(task);
  }

  stop(): void {
    for (const timer of this.#timers.values()) this.#clock.clearTimeout(timer);
    this.#timers.clear();
  }

  #arm(task: ScheduledTaskName): void {
    const delay = nextRun(task, this.#clock.now()) - this.#clock.now();
    this.#timers.set(
      task,
      this.#clock.setTimeout(async () => {
        this.#arm(task);
        await this.#run(task);
      }, delay),
    );
  }
}
