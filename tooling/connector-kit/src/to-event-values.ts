import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { splitAutocaptureElements } from "./split-autocapture-elements.ts";

/** The names of the values {@link toEventValues} returns, in order (the header of the exported files). */
export const EVENT_VALUE_COLUMNS = ["uuid", "event", "properties", "elements", "people_set", "people_set_once", "distinct_id", "team_id", "ip", "site_url", "timestamp"] as const;

/** An event as the file exporters receive it: the legacy top-level fields may be there too. */
type LooseEvent = ProcessedPluginEvent & { now?: string; sent_at?: string; site_url?: string };

/**
 * An event as the 11 values of a file export row ({@link EVENT_VALUE_COLUMNS}), raw (the connector
 * quotes or joins them): a truthy `$elements` of an `$autocapture` moves out of the properties into
 * `elements`; `ip` = `properties.$ip` or the top-level ip; `timestamp` = the first of timestamp,
 * properties.timestamp, now, sent_at. JSON columns are JSON text; the others as in the event (possibly
 * undefined or null).
 */
export function toEventValues(event: LooseEvent): unknown[] {
  const { properties, elements } = splitAutocaptureElements(event, "truthy");
  return [
    event.uuid,
    event.event,
    JSON.stringify(properties),
    JSON.stringify(elements),
    JSON.stringify(event.$set ?? {}),
    JSON.stringify(event.$set_once ?? {}),
    event.distinct_id,
    event.team_id,
    properties.$ip || event.ip,
    event.site_url,
    event.timestamp || properties.timestamp || event.now || event.sent_at,
  ];
}
