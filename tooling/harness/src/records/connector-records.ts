import type { BackgroundError } from "../connector.ts";
import type { RecordedRequest } from "../fetch/types.ts";
import type { LogEntry } from "../logs.ts";
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
}

/** How many entries of each record were dropped (oldest first) to stay under the caps. */
export type DroppedCounts = Record<keyof ConnectorRecords, number>;

const NOUNS: Readonly<Record<keyof ConnectorRecords, string>> = { logs: "log lines", requests: "request records", captured: "captured events", errors: "background errors" };

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

function truncateCaptured(event: CapturedEvent, maxBytes: number): CapturedEvent {
  const bytes = approximateBytes(event);
  const bare = { ...event, properties: { $truncated: truncationNote(bytes, maxBytes) } };
  return approximateBytes(bare) <= maxBytes ? bare : fitText({ ...bare, distinct_id: "" }, "event", maxBytes);
}

function ring<T extends object>(limits: BufferLimits, truncate: (entry: T, maxBytes: number) => T): RingBuffer<T> {
  return new RingBuffer<T>({ maxEntries: limits.maxRecordEntries, maxBytes: limits.maxRecordBytes, measure: approximateBytes, truncate });
}

/** Fresh, empty records under `limits`. */
export function createConnectorRecords(limits: BufferLimits): ConnectorRecords {
  return {
    logs: ring<LogEntry>(limits, (entry, max) => fitText(entry, "message", max)),
    requests: ring(limits, truncateRequest),
    captured: ring(limits, truncateCaptured),
    errors: ring<BackgroundError>(limits, (entry, max) => fitText(entry, "message", max)),
  };
}

/** The dropped count of every record. */
export function droppedCounts(records: ConnectorRecords): DroppedCounts {
  return { logs: records.logs.dropped, requests: records.requests.dropped, captured: records.captured.dropped, errors: records.errors.dropped };
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
