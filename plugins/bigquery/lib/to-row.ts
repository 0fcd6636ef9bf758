import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

/**
 * The insertAll row for an event. `$elements` stays in properties; `elements` is the top-level
 * `event.elements` for `$autocapture` (or any event with `exportElementsOnAnyEvent`), else (and when
 * absent, fixed) `"[]"`; `site_url` is always `""`.
 */
export function toRow(event: ProcessedPluginEvent, exportElementsOnAnyEvent: boolean, ingestedAt: string): { json: Record<string, unknown> } {
  const properties = event.properties ?? {};
  const withElements = event.event === "$autocapture" || exportElementsOnAnyEvent;
  return {
    json: {
      uuid: event.uuid,
      event: event.event,
      properties: JSON.stringify(properties),
      elements: withElements && event.elements ? JSON.stringify(event.elements) : "[]",
      set: JSON.stringify(event.$set ?? {}),
      set_once: JSON.stringify(event.$set_once ?? {}),
      distinct_id: event.distinct_id,
      team_id: event.team_id,
      ip: properties.$ip || event.ip,
      site_url: "",
      timestamp: event.timestamp,
      bq_ingested_timestamp: ingestedAt,
    },
  };
}
