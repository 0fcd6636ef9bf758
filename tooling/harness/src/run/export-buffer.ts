import { isRetryError, type ProcessedPluginEvent } from "@connectors/plugin-api";
import type { Clock } from "../clock.ts";
import { createBuffer } from "../load/plugin-contrib.ts";
import type { MetricsRegistry } from "../meta/metrics.ts";
import type { JobQueue } from "../meta/job-queue.ts";

/** The job the harness schedules for a batch that failed with RetryError. */
export const EXPORT_RETRY_JOB = "exportEventsWithRetry";
/** Retries after the first attempt: 6 s, 12 s, 24 s. */
export const EXPORT_MAX_RETRIES = 3;
export const EXPORT_METRICS = ["events_seen", "events_delivered_successfully", "undelivered_events", "retry_errors", "other_errors"] as const;

const MiB = 1024 * 1024;

/** Payload of an {@link EXPORT_RETRY_JOB} job. */
export interface ExportRetryPayload {
  batch: ProcessedPluginEvent[];
  batchId: number;
  retriesPerformedSoFar: number;
}

/** Buffer limits and the ignore list, read from config as PostHog's server did. */
export interface ExportSettings {
  maxBytes: number;
  maxSeconds: number;
  ignore: Set<string>;
}

function clamp(raw: unknown, fallback: number, min: number, max: number): number {
  const value = Number.parseInt(String(raw ?? ""), 10);
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/** Reads `exportEventsBufferBytes` (1 MiB, 1 B..100 MiB), `exportEventsBufferSeconds` (10, 1..600), `exportEventsToIgnore`. */
export function readExportSettings(config: Record<string, unknown>): ExportSettings {
  const ignore = String(config.exportEventsToIgnore ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  return {
    maxBytes: clamp(config.exportEventsBufferBytes, MiB, 1, 100 * MiB),
    maxSeconds: clamp(config.exportEventsBufferSeconds, 10, 1, 600),
    ignore: new Set(ignore),
  };
}

/** What the buffer needs from its connector. */
export interface ExportBufferContext {
  clock: Clock;
  jobs: JobQueue;
  metrics: MetricsRegistry;
  settings: ExportSettings;
  /** Calls the connector's exportEvents (guarded). */
  exportEvents: (batch: ProcessedPluginEvent[]) => Promise<void>;
  /** Reports a batch given up on, naming its events' uuids. */
  reportLoss: (message: string, batch: ProcessedPluginEvent[]) => void;
  /** Called after each buffer flush (also the time-limit flush, which no hook call follows): runs the jobs it enqueued. */
  afterFlush?: () => Promise<void>;
}

/**
 * PostHog's exportEvents upgrade: events from onEvent are buffered (minus the ignore list) and
 * flushed when the next one would pass the byte limit or when the time limit since the first one
 * passes; a batch failing with RetryError is retried by job after 6, 12 and 24 s, then reported lost;
 * any other error reports it lost at once. Nothing is dropped silently.
 */
export class ExportBuffer {
  readonly #context: ExportBufferContext;
  readonly #buffer;
  #nextBatchId = 1;

  constructor(context: ExportBufferContext) {
    this.#context = context;
    context.metrics.declare(EXPORT_METRICS, "sum");
    this.#buffer = createBuffer<ProcessedPluginEvent>(
      {
        limit: context.settings.maxBytes,
        timeoutSeconds: context.settings.maxSeconds,
        onFlush: async (batch) => {
          await this.exportWithRetry({ batch, batchId: this.#nextBatchId++, retriesPerformedSoFar: 0 });
          await context.afterFlush?.();
        },
      },
      context.clock,
    );
  }

  /** Buffers an event unless its name is ignored. */
  async add(event: ProcessedPluginEvent): Promise<void> {
    if (this.#context.settings.ignore.has(event.event)) return;
    this.#context.metrics.update("events_seen", 1, "increment");
    await this.#buffer.add(event, JSON.stringify(event).length);
  }

  /** Exports whatever is buffered now. */
  flush(): Promise<void> {
    return this.#buffer.flush();
  }

  /** One attempt at a batch; on RetryError the next attempt is scheduled as a job. */
  async exportWithRetry(payload: ExportRetryPayload): Promise<void> {
    const { batch, retriesPerformedSoFar } = payload;
    const { metrics } = this.#context;
    try {
      await this.#context.exportEvents(batch);
      metrics.update("events_delivered_successfully", batch.length, "increment");
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause ?? error;
      const message = error instanceof Error ? error.message : String(error);
      if (isRetryError(cause) && retriesPerformedSoFar < EXPORT_MAX_RETRIES) {
        metrics.update("retry_errors", 1, "increment");
        const delaySeconds = 2 ** (retriesPerformedSoFar + 1) * 3;
        const runAt = this.#context.clock.now() + delaySeconds * 1000;
        this.#context.jobs.enqueue(EXPORT_RETRY_JOB, { ...payload, retriesPerformedSoFar: retriesPerformedSoFar + 1 }, runAt);
        return;
      }
      metrics.update(isRetryError(cause) ? "retry_errors" : "other_errors", 1, "increment");
      metrics.update("undelivered_events", batch.length, "increment");
      const why = isRetryError(cause) ? `still failing after ${EXPORT_MAX_RETRIES} retries` : "failed with a permanent error";
      this.#context.reportLoss(`exportEvents batch ${payload.batchId} of ${batch.length} events ${why}: ${message}`, batch);
    }
  }
}
