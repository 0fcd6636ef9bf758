import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

/** The CSV columns, in order. */
export const COLUMNS = ["uuid", "event", "properties", "elements", "people_set", "people_set_once", "distinct_id", "team_id", "ip", "site_url", "timestamp"] as const;

type LooseEvent = ProcessedPluginEvent & { now?: string; sent_at?: string; site_url?: string };

/**
 * An event as the 11 CSV values: `$elements` of an `$autocapture` moves out of the properties into
 * `elements`; `ip` = `properties.$ip` or the top-level ip; `timestamp` = first of timestamp,
 * properties.timestamp, now, sent_at. JSON columns are JSON text.
 */
export function toRow(event: LooseEvent): unknown[] {
  const { $elements, ...rest } = event.properties ?? {};
  const moves = event.event === "$autocapture" && Boolean($elements);
  const properties = moves ? rest : (event.properties ?? {});
  return [
    event.uuid,
    event.event,
    JSON.stringify(properties),
    JSON.stringify(moves ? $elements : []),
    JSON.stringify(event.$set ?? {}),
    JSON.stringify(event.$set_once ?? {}),
    event.distinct_id,
    event.team_id,
    properties.$ip || event.ip,
    event.site_url,
    event.timestamp || properties.timestamp || event.now || event.sent_at,
  ];
}
