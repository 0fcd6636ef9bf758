import { resolveLimits } from "../limits-from-env.ts";

/**
 * Caps on what the harness keeps on the host for one connector instance: its records (logs, requests,
 * captured events, background errors), its in-memory cache and storage, and the CPU its background work
 * (buffer flushes, timers, jobs) may use. Defaults are documented in SECURITY.md ("Limits").
 */
export interface BufferLimits {
  /** Entries kept per record (logs, requests, captured events, errors); the oldest are dropped first (default 1,000). */
  maxRecordEntries: number;
  /** Bytes kept per record; a single larger entry is cut (default 4 MiB). */
  maxRecordBytes: number;
  /** Keys in the in-memory cache, and separately in in-memory storage (default 10,000). */
  maxStoreKeys: number;
  /** Bytes of keys and values in the in-memory cache, and separately in in-memory storage (default 16 MiB). */
  maxStoreBytes: number;
  /** Bytes of one cached or stored value (a whole list for cache lists) (default 1 MiB). */
  maxStoreValueBytes: number;
  /** Jobs a connector may have queued at once (default 10,000); a job payload counts as a stored value. */
  maxPendingJobs: number;
  /** CPU milliseconds background work may use per rolling window (default 10,000). */
  backgroundCpuMs: number;
  /** Length of that rolling window in milliseconds of the connector's clock (default 60,000). */
  backgroundWindowMs: number;
}

const MIB = 1024 * 1024;

/** The caps used when the caller sets none. */
export const DEFAULT_BUFFER_LIMITS: Readonly<BufferLimits> = Object.freeze({
  maxRecordEntries: 1000,
  maxRecordBytes: 4 * MIB,
  maxStoreKeys: 10_000,
  maxStoreBytes: 16 * MIB,
  maxStoreValueBytes: 1 * MIB,
  maxPendingJobs: 10_000,
  backgroundCpuMs: 10_000,
  backgroundWindowMs: 60_000,
});

/** Environment variables that override each default (values in counts, bytes or milliseconds). */
export const BUFFER_LIMIT_ENV: Readonly<Record<keyof BufferLimits, string>> = Object.freeze({
  maxRecordEntries: "CONNECTORS_MAX_RECORD_ENTRIES",
  maxRecordBytes: "CONNECTORS_MAX_RECORD_BYTES",
  maxStoreKeys: "CONNECTORS_MAX_STORE_KEYS",
  maxStoreBytes: "CONNECTORS_MAX_STORE_BYTES",
  maxStoreValueBytes: "CONNECTORS_MAX_STORE_VALUE_BYTES",
  maxPendingJobs: "CONNECTORS_MAX_PENDING_JOBS",
  backgroundCpuMs: "CONNECTORS_BACKGROUND_CPU_MS",
  backgroundWindowMs: "CONNECTORS_BACKGROUND_WINDOW_MS",
});

/**
 * The caps in force: the defaults, overridden by the environment (see {@link BUFFER_LIMIT_ENV}),
 * overridden by what the caller passes (`bufferLimits` of createConnector).
 *
 * @example
 * resolveBufferLimits({ maxRecordEntries: 50 }).maxRecordEntries // 50
 */
export function resolveBufferLimits(limits: Partial<BufferLimits> = {}, env: NodeJS.ProcessEnv = process.env): BufferLimits {
  return resolveLimits(DEFAULT_BUFFER_LIMITS, BUFFER_LIMIT_ENV, limits, env);
}

/** How to raise `key`, for error messages: the option and its environment variable. */
export function howToRaise(key: keyof BufferLimits): string {
  return `raise bufferLimits.${key} (${BUFFER_LIMIT_ENV[key]})`;
}
