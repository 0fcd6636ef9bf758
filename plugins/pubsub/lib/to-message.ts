import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

type LooseEvent = ProcessedPluginEvent & { now?: string; sent_at?: string; site_url?: string };

/**
 * The JSON object published for an event, keys in this order: event, distinct_id, team_id, ip, site_url
 * (omitted when absent), timestamp, uuid, properties (minus a moved `$elements`), elements, people_set,
 * people_set_once. Top-level `event.elements` is not used.
 */
export function toMessage(event: LooseEvent): Record<string, unknown> {
  const { $elements, ...rest } = event.properties ?? {};
  const moves = event.event === "$autocapture" && Boolean($elements);
  const properties = moves ? rest : (event.properties ?? {});
  return {
    event: event.event,
    distinct_id: event.distinct_id,
    team_id: event.team_id,
    ip: properties.$ip || event.ip,
    site_url: event.site_url,
    timestamp: event.timestamp || properties.timestamp || event.now || event.sent_at,
    uuid: event.uuid,
    properties,
    elements: moves ? $elements : [],
    people_set: event.$set ?? {},
    people_set_once: event.$set_once ?? {},
  };
}
