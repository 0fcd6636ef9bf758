import { toEventRow, type EventRow } from "@connectors/connector-kit";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

/** One row to insert (JSON columns as text); `site_url` is always `""`. */
export type ParsedEvent = EventRow;

/**
 * An event as a row: `$elements` of an `$autocapture` moves out of the properties into `elements`, `ip` is
 * `properties.$ip` or the top-level ip, `site_url` is `""`, `timestamp` normalised ISO with milliseconds.
 *
 * @returns the row, or an Error naming the event when its timestamp is invalid (the original threw a RangeError for the whole batch)
 */
export function parseEvent(event: ProcessedPluginEvent): ParsedEvent | Error {
  const date = new Date(event.timestamp);
  if (Number.isNaN(date.getTime())) return new Error(`event ${event.uuid} ("${event.event}") has an invalid timestamp ${JSON.stringify(event.timestamp ?? null)}; it was not inserted`);
  return toEventRow(event, { uuid: event.uuid, site_url: "", timestamp: date.toISOString() });
}
