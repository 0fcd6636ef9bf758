import type { JobControls, JobsExtension } from "@connectors/plugin-api";
import type { Clock, TimerHandle } from "../clock.ts";
import { IllegalOperationError } from "../errors.ts";
import { createJobHistory } from "../records/connector-records.ts";
import { textBytes } from "../records/approximate-bytes.ts";
import { howToRaise, resolveBufferLimits, type BufferLimits } from "../records/buffer-limits.ts";
import { StoreLimitError } from "../backends/store-limit-error.ts";
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

/** The caps on what a connector may queue. */
export type JobQueueLimits = Pick<BufferLimits, "maxPendingJobs" | "maxStoreValueBytes">;

function refuseJob(limit: "maxPendingJobs" | "maxStoreValueBytes", detail: string): never {
  throw new StoreLimitError("job queue", limit, `The job queue refused a job: ${detail}. Nothing was queued. Fix: queue fewer or smaller jobs (run work in batches), or ${howToRaise(limit)}.`);
}

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
  readonly #limits: JobQueueLimits;

  /**
   * `options.history` keeps the runs (the connector's bounded record); `options.limits` caps what the
   * connector may queue. Both default to the default caps.
   */
  constructor(clock: Clock, run: JobRunner, options: { history?: RingBuffer<JobRun>; limits?: JobQueueLimits } = {}) {
    this.#clock = clock;
    this.#run = run;
    this.#limits = options.limits ?? resolveBufferLimits();
    this.#history = options.history ?? createJobHistory(resolveBufferLimits());
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

  /** Queues a job (the harness's own enqueues, e.g. export retries, are not capped; see {@link createExtension}). */
  enqueue(name: string, payload: unknown, runAt: number): QueuedJob {
    return this.#add(name, payload === undefined ? undefined : JSON.stringify(payload), runAt);
  }

  /** Queues a job the connector asked for, within the caps: pending jobs, and payload bytes like a stored value. */
  #enqueueCapped(name: string, payload: unknown, runAt: number): void {
    const text = payload === undefined ? undefined : JSON.stringify(payload);
    const { maxPendingJobs, maxStoreValueBytes } = this.#limits;
    const bytes = text === undefined ? 0 : textBytes(text);
    if (bytes > maxStoreValueBytes) refuseJob("maxStoreValueBytes", `a payload of ${bytes} bytes is over the ${maxStoreValueBytes}-byte limit per value`);
    if (this.#queue.length >= maxPendingJobs) refuseJob("maxPendingJobs", `it already holds ${this.#queue.length} pending jobs, the limit`);
    this.#add(name, text, runAt);
  }

  #add(name: string, text: string | undefined, runAt: number): QueuedJob {
    const job: QueuedJob = { id: this.#nextId++, name, payload: text === undefined ? undefined : JSON.parse(text), runAt };
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
              runNow: async () => this.#enqueueCapped(name, payload, this.#clock.now()),
              runIn: async (duration, unit) => this.#enqueueCapped(name, payload, this.#clock.now() + durationToMs(duration, unit)),
              runAt: async (date) => this.#enqueueCapped(name, payload, new Date(date).getTime()),
            }),
    });
  }
}
