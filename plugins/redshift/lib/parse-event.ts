import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

/** One row to insert (JSON columns as text). */
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
  site_url: string;
  timestamp: string;
}

/**
 * An event as a row: `$elements` of an `$autocapture` moves out of the properties into `elements`, `ip` is
 * `properties.$ip` or the top-level ip, `site_url` is `""`, `timestamp` normalised ISO with milliseconds.
 *
 * @returns the row, or an Error naming the event when its timestamp is invalid (the original threw a RangeError for the whole batch)
 */
export function parseEvent(event: ProcessedPluginEvent): ParsedEvent | Error {
  const { $elements, ...rest } = event.properties ?? {};
  const movesElements = event.event === "$autocapture" && event.properties && "$elements" in event.properties;
  const properties = movesElements ? rest : (event.properties ?? {});
  const date = new Date(event.timestamp);
  if (Number.isNaN(date.getTime())) return new Error(`event ${event.uuid} ("${event.event}") has an invalid timestamp ${JSON.stringify(event.timestamp ?? null)}; it was not inserted`);
  return {
    uuid: event.uuid,
    eventName: event.event,
    properties: JSON.stringify(properties),
    elements: JSON.stringify(movesElements ? ($elements ?? []) : []),
    set: JSON.stringify(event.$set ?? {}),
    set_once: JSON.stringify(event.$set_once ?? {}),
    distinct_id: event.distinct_id,
    team_id: event.team_id,
    ip: (properties.$ip as string) || event.ip || null,
    site_url: "",
    timestamp: date.toISOString(),
  };
}
