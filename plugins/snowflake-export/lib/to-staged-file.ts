import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

const HEADER = "uuid,event,properties,elements,people_set,people_set_once,distinct_id,team_id,ip,site_url,timestamp";
/** The field delimiter of the stage's file format. */
export const DELIMITER = "|$|";

type LooseEvent = ProcessedPluginEvent & { now?: string; sent_at?: string; site_url?: string };

/** The 11 values of an event (same derivation as the GCS and Pub/Sub connectors). */
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

/** The staged file: the header line, then one line per event, values `|$|`-joined (falsy values empty), no trailing newline. */
export function toStagedFile(events: LooseEvent[]): string {
  return [HEADER, ...events.map((event) => toRow(event).map((value) => (value ? String(value) : "")).join(DELIMITER))].join("\n");
}

/** `<bucketPath>snowflake-export-<YYYY-MM-DD>-<YYYYMMDD>-<HHMMSS.mmmZ>-<16 hex>.csv`. */
export function buildFileName(bucketPath: string, now: Date, suffix: string): string {
  const [day, time] = now.toISOString().split("T") as [string, string];
  return `${bucketPath}snowflake-export-${day}-${day.replace(/-/g, "")}-${time.replace(/:/g, "")}-${suffix}.csv`;
}
