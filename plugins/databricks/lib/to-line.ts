import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

/** The header line of the uploaded file. */
export const HEADER = "event|distinct_id|team_id|ip|site_url|timestamp|uuid|properties|elements|people_set|people_set_once";

type LooseEvent = ProcessedPluginEvent & { now?: string; sent_at?: string; site_url?: string };

/** A value as a column: empty for null/undefined; `|` written as `\u007c` (a JSON escape, so JSON columns stay valid) and line breaks as `\n` / `\r`. */
export function toColumn(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value).replace(/\|/g, "\\u007c").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/**
 * An event as one `|`-separated line: event, distinct_id, team_id, ip, site_url, timestamp, uuid,
 * properties (JSON, without `$elements`), elements (JSON of `$elements` for `$autocapture`, else `[]`),
 * people_set, people_set_once.
 */
export function toLine(event: LooseEvent): string {
  const { $elements, ...rest } = event.properties ?? {};
  const moves = event.event === "$autocapture" && $elements !== undefined;
  const properties = moves ? rest : (event.properties ?? {});
  return [
    event.event,
    event.distinct_id,
    event.team_id,
    properties.$ip || event.ip,
    event.site_url,
    event.timestamp || properties.timestamp || event.now || event.sent_at,
    event.uuid,
    JSON.stringify(properties),
    JSON.stringify(moves ? $elements : []),
    JSON.stringify(event.$set ?? {}),
    JSON.stringify(event.$set_once ?? {}),
  ]
    .map(toColumn)
    .join("|");
}
