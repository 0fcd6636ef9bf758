import type { JobControls, JobsExtension } from "@connectors/plugin-api";
import type { Clock, TimerHandle } from "../clock.ts";
import { IllegalOperationError } from "../errors.ts";
import { resolveBufferLimits } from "../records/buffer-limits.ts";
import { createJobHistory } from "../records/connector-records.ts";
import type { RingBuffer } from "../records/ring-buffer.ts";

const UNIT_MS: Record<string, number> = {
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
  quarter: 91 * 86_400_000,
  year: 365 * 86_400_000,
};

/** Milliseconds in `duration` of `unit` (plural or singular: "seconds" or "second"). */
export function durationToMs(duration: number, unit: string): number {
  const ms = UNIT_MS[String(unit).replace(/s$/, "")];
  if (ms === undefined) throw new IllegalOperationError(`unknown time unit ${JSON.stringify(unit)}; use one of ${Object.keys(UNIT_MS).map((u) => `${u}s`).join(", ")}`);
  if (typeof duration !== "number" || !Number.isFinite(duration) || duration < 0) throw new IllegalOperationError(`job delay must be a non-negative number (got ${duration})`);
  return duration * ms;
}

/** A job waiting in the queue. */
export interface QueuedJob {
  id: number;
  name: string;
  payload: unknown;
  runAt: number;
}

/** A job that ran: its name, payload and when (harness clock). */
export interface JobRun {
  name: string;
  payload: unknown;
  at: number;
}

/** Runs a job by name; the harness wires it to the connector's `jobs` export. */
export type JobRunner = (job: QueuedJob) => Promise<void>;

/**
 * The connector's job queue (PostHog used graphile-worker). `runNow`, `runIn` and `runAt` enqueue;
 * jobs run in due order when the clock reaches them, or when `runDue()` is called. Job payloads are
 * copied as JSON, the way they were stored in the queue's database.
 */
export class JobQueue {
  readonly #clock: Clock;
  readonly #run: JobRunner;
  #queue: QueuedJob[] = [];
  #timers = new Map<number, TimerHandle>();
  #nextId = 1;
  #draining: Promise<void> | undefined;
  readonly #history: RingBuffer<JobRun>;

  /** `history` keeps the runs (the connector's bounded record; default: one with the default caps). */
  constructor(clock: Clock, run: JobRunner, history: RingBuffer<JobRun> = createJobHistory(resolveBufferLimits())) {
    this.#clock = clock;
    this.#run = run;
    this.#history = history;
  }

  /** Jobs that ran, in order (name and payload), for assertions: the most recent ones the history keeps. */
  get history(): JobRun[] {
    return this.#history.toArray();
  }

  /** Number of jobs waiting (cheap; the hot path checks it after every hook). */
  get size(): number {
    return this.#queue.length;
  }

  /** Jobs not yet run, soonest first. */
  get pending(): readonly QueuedJob[] {
    return [...this.#queue].sort((a, b) => a.runAt - b.runAt || a.id - b.id);
  }

  enqueue(name: string, payload: unknown, runAt: number): QueuedJob {
    const job: QueuedJob = { id: this.#nextId++, name, payload: payload === undefined ? undefined : JSON.parse(JSON.stringify(payload)), runAt };
    this.#queue.push(job);
    const delay = Math.max(0, runAt - this.#clock.now());
    if (delay > 0) this.#timers.set(job.id, this.#clock.setTimeout(() => this.runDue(), delay));
    return job;
  }

  /** Runs every job that is due now, including due jobs those jobs enqueue. */
  runDue(): Promise<void> {
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = undefined;
    });
    return this.#draining;
  }

  async #drain(): Promise<void> {
    for (let guard = 0; guard < 100_000; guard++) {
      const job = this.pending.find((j) => j.runAt <= this.#clock.now());
      if (!job) return;
      this.#queue = this.#queue.filter((j) => j !== job);
      const timer = this.#timers.get(job.id);
      if (timer) this.#clock.clearTimeout(timer);
      this.#timers.delete(job.id);
      this.#history.push({ name: job.name, payload: job.payload, at: this.#clock.now() });
      await this.#run(job);
    }
  }

  /** Drops every pending job and timer (teardown). */
  clear(): void {
    for (const timer of this.#timers.values()) this.#clock.clearTimeout(timer);
    this.#timers.clear();
    this.#queue = [];
  }

  /** `meta.jobs`: any name yields `{ runNow, runIn, runAt }`; an unknown name fails when the job runs. */
  createExtension(): JobsExtension {
    return new Proxy({} as JobsExtension, {
      get: (_, name) =>
        typeof name !== "string"
          ? undefined
          : (payload?: unknown): JobControls => ({
              runNow: async () => void this.enqueue(name, payload, this.#clock.now()),
              runIn: async (duration, unit) => void this.enqueue(name, payload, this.#clock.now() + durationToMs(duration, unit)),
              runAt: async (date) => void this.enqueue(name, payload, new Date(date).getTime()),
            }),
    });
  }
}
