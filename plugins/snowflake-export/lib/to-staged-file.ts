import { EVENT_VALUE_COLUMNS, toEventValues } from "@connectors/connector-kit";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

const HEADER = EVENT_VALUE_COLUMNS.join(",");
/** The field delimiter of the stage's file format. */
export const DELIMITER = "|$|";

type LooseEvent = ProcessedPluginEvent & { now?: string; sent_at?: string; site_url?: string };

/** The staged file: the header line, then one line per event, values `|$|`-joined (falsy values empty), no trailing newline. */
export function toStagedFile(events: LooseEvent[]): string {
  return [HEADER, ...events.map((event) => toEventValues(event).map((value) => (value ? String(value) : "")).join(DELIMITER))].join("\n");
}

/** `<bucketPath>snowflake-export-<YYYY-MM-DD>-<YYYYMMDD>-<HHMMSS.mmmZ>-<16 hex>.csv`. */
export function buildFileName(bucketPath: string, now: Date, suffix: string): string {
  const [day, time] = now.toISOString().split("T") as [string, string];
  return `${bucketPath}snowflake-export-${day}-${day.replace(/-/g, "")}-${time.replace(/:/g, "")}-${suffix}.csv`;
}
