import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { splitAutocaptureElements } from "./split-autocapture-elements.ts";

/**
 * An event as one row of the classic `posthog_event` table (uuid, event, properties, elements, set,
 * set_once, distinct_id, team_id, ip, site_url, timestamp), JSON columns as JSON text. Plain data, so it
 * survives a job payload.
 */
export interface EventRow {
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

/**
 * The row of an event: an `$autocapture`'s `$elements` property (when the key exists) moves out of the
 * properties into `elements`, `ip` is `properties.$ip` or else the top-level ip (null when neither),
 * `$set` / `$set_once` default to `{}`. The connector decides the rest.
 *
 * @param columns - uuid, site_url and timestamp as the connector derives them
 */
export function toEventRow(event: ProcessedPluginEvent, columns: Pick<EventRow, "uuid" | "site_url" | "timestamp">): EventRow {
  const { properties, elements } = splitAutocaptureElements(event, "key");
  return {
    uuid: columns.uuid,
    eventName: event.event,
    properties: JSON.stringify(properties),
    elements: JSON.stringify(elements),
    set: JSON.stringify(event.$set ?? {}),
    set_once: JSON.stringify(event.$set_once ?? {}),
    distinct_id: event.distinct_id,
    team_id: event.team_id,
    ip: (properties.$ip as string) || event.ip || null,
    site_url: columns.site_url,
    timestamp: columns.timestamp,
  };
}
