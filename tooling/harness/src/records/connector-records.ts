import type { BackgroundError } from "../connector.ts";
import type { RecordedRequest } from "../fetch/types.ts";
import type { LogEntry } from "../logs.ts";
import type { JobRun } from "../meta/job-queue.ts";
import type { CapturedEvent } from "../meta/posthog-extension.ts";
import { approximateBytes, cutText } from "./approximate-bytes.ts";
import { howToRaise, type BufferLimits } from "./buffer-limits.ts";
import { RingBuffer } from "./ring-buffer.ts";

/** Every record the harness keeps about one connector instance, each a bounded ring. */
export interface ConnectorRecords {
  logs: RingBuffer<LogEntry>;
  requests: RingBuffer<RecordedRequest>;
  captured: RingBuffer<CapturedEvent>;
  errors: RingBuffer<BackgroundError>;
  /** Jobs that ran (`connector.jobs.history`). */
  jobs: RingBuffer<JobRun>;
}

/** How many entries of each record were dropped (oldest first) to stay under the caps. */
export type DroppedCounts = Record<keyof ConnectorRecords, number>;

const NOUNS: Readonly<Record<keyof ConnectorRecords, string>> = { logs: "log lines", requests: "request records", captured: "captured events", errors: "background errors", jobs: "job runs" };

function truncationNote(bytes: number, maxBytes: number): string {
  return `… [truncated: ${bytes} bytes, over the ${maxBytes}-byte limit per entry (a quarter of the record's); ${howToRaise("maxRecordBytes")}]`;
}

/** `entry` with its text field `field` cut so the whole entry fits in `maxBytes`. */
function fitText<T extends object>(entry: T, field: keyof T & string, maxBytes: number): T {
  const bytes = approximateBytes(entry);
  const rest = approximateBytes({ ...entry, [field]: "" });
  return { ...entry, [field]: cutText(String(entry[field] ?? ""), maxBytes - rest, truncationNote(bytes, maxBytes)) };
}

function truncateRequest(entry: RecordedRequest, maxBytes: number): RecordedRequest {
  const fitted = fitText(entry, "body", maxBytes);
  return approximateBytes(fitted) <= maxBytes ? fitted : fitText({ ...fitted, headers: {}, body: "" }, "url", maxBytes);
}

/** `entry` with its object field `field` replaced by a note, and its text field `name` cut if still too big. */
function dropObject<T extends object>(entry: T, field: keyof T & string, name: keyof T & string, maxBytes: number): T {
  const bare = { ...entry, [field]: { $truncated: truncationNote(approximateBytes(entry), maxBytes) } };
  return approximateBytes(bare) <= maxBytes ? bare : fitText(bare, name, maxBytes);
}

function ring<T extends object>(limits: BufferLimits, truncate: (entry: T, maxBytes: number) => T): RingBuffer<T> {
  return new RingBuffer<T>({ maxEntries: limits.maxRecordEntries, maxBytes: limits.maxRecordBytes, measure: approximateBytes, truncate });
}

/** A fresh, empty history of job runs under `limits` (a payload too big for it is replaced by a note). */
export function createJobHistory(limits: BufferLimits): RingBuffer<JobRun> {
  return ring<JobRun>(limits, (entry, max) => dropObject(entry, "payload", "name", max));
}

/** Fresh, empty records under `limits`. */
export function createConnectorRecords(limits: BufferLimits): ConnectorRecords {
  return {
    logs: ring<LogEntry>(limits, (entry, max) => fitText(entry, "message", max)),
    requests: ring(limits, truncateRequest),
    captured: ring<CapturedEvent>(limits, (entry, max) => dropObject({ ...entry, distinct_id: entry.distinct_id.slice(0, 200) }, "properties", "event", max)),
    errors: ring<BackgroundError>(limits, (entry, max) => fitText(entry, "message", max)),
    jobs: createJobHistory(limits),
  };
}

/** The dropped count of every record. */
export function droppedCounts(records: ConnectorRecords): DroppedCounts {
  return { logs: records.logs.dropped, requests: records.requests.dropped, captured: records.captured.dropped, errors: records.errors.dropped, jobs: records.jobs.dropped };
}

/**
 * One line per record that dropped entries, e.g. "1200 earlier log lines were dropped (the record keeps
 * the last 1000 entries and 4194304 bytes; raise ...)"; empty when nothing was dropped.
 */
export function droppedNotes(records: ConnectorRecords, channels = Object.keys(NOUNS) as Array<keyof ConnectorRecords>): string[] {
  return channels
    .filter((channel) => records[channel].dropped > 0)
    .map((channel) => droppedNote(channel, records[channel]));
}

/** The "N dropped" line of one record. */
export function droppedNote(channel: keyof ConnectorRecords, buffer: RingBuffer<unknown>): string {
  const { maxEntries, maxBytes } = buffer.limits;
  return `${buffer.dropped} earlier ${NOUNS[channel]} were dropped (the record keeps the last ${maxEntries} entries and ${maxBytes} bytes; ${howToRaise("maxRecordEntries")} / ${howToRaise("maxRecordBytes")})`;
}
