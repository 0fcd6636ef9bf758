import { randomUUID } from "node:crypto";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

/** One row to insert, in the table's terms (JSON columns as text). Survives a job payload (JSON). */
export interface ParsedEvent {
  uuid: string;
  eventName: string;
  properties: string;
  elements: string;
  set: string;
  set_once: string;
  distinct_id: string;
  team_id: number;
  ip: string | null;
  site_url: string | null;
  timestamp: string;
}

type LooseEvent = ProcessedPluginEvent & { now?: string; sent_at?: string; site_url?: string | null };

/**
 * An event as a row: `$elements` of an `$autocapture` moves out of the properties into `elements`,
 * `ip` is `properties.$ip` or the top-level ip, `timestamp` the first of timestamp, properties.timestamp,
 * now, sent_at. A missing uuid becomes a random UUID v4.
 *
 * @returns the row, or an Error naming the event when its timestamp is unusable
 */
export function parseEvent(event: LooseEvent): ParsedEvent | Error {
  const { $elements, ...rest } = event.properties ?? {};
  const movesElements = event.event === "$autocapture" && event.properties && "$elements" in event.properties;
  const properties = movesElements ? rest : (event.properties ?? {});
  const rawTimestamp = event.timestamp || properties.timestamp || event.now || event.sent_at;
  const date = new Date(rawTimestamp as string);
  if (!rawTimestamp || Number.isNaN(date.getTime())) {
    return new Error(`event ${event.uuid ?? "(no uuid)"} ("${event.event}") has no valid timestamp (${JSON.stringify(rawTimestamp ?? null)}); it was not inserted`);
  }
  return {
    uuid: event.uuid || randomUUID(),
    eventName: event.event,
    properties: JSON.stringify(properties),
    elements: JSON.stringify(movesElements ? ($elements ?? []) : []),
    set: JSON.stringify(event.$set ?? {}),
    set_once: JSON.stringify(event.$set_once ?? {}),
    distinct_id: event.distinct_id,
    team_id: event.team_id,
    ip: (properties.$ip as string) || event.ip || null,
    site_url: event.site_url ?? null,
    timestamp: date.toISOString(),
  };
}
