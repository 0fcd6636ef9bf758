import { randomUUID } from "node:crypto";
import { toEventRow, type EventRow } from "@connectors/connector-kit";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

/** One row to insert, in the table's terms (JSON columns as text). Survives a job payload (JSON). */
export type ParsedEvent = EventRow;

type LooseEvent = ProcessedPluginEvent & { now?: string; sent_at?: string; site_url?: string | null };

/**
 * An event as a row: `$elements` of an `$autocapture` moves out of the properties into `elements`,
 * `ip` is `properties.$ip` or the top-level ip, `timestamp` the first of timestamp, properties.timestamp,
 * now, sent_at. A missing uuid becomes a random UUID v4.
 *
 * @returns the row, or an Error naming the event when its timestamp is unusable
 */
export function parseEvent(event: LooseEvent): ParsedEvent | Error {
  const rawTimestamp = event.timestamp || event.properties?.timestamp || event.now || event.sent_at;
  const date = new Date(rawTimestamp as string);
  if (!rawTimestamp || Number.isNaN(date.getTime())) {
    return new Error(`event ${event.uuid ?? "(no uuid)"} ("${event.event}") has no valid timestamp (${JSON.stringify(rawTimestamp ?? null)}); it was not inserted`);
  }
  return toEventRow(event, { uuid: event.uuid || randomUUID(), site_url: event.site_url ?? null, timestamp: date.toISOString() });
}
