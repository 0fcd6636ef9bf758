import type { ParsedEvent } from "./parse-event.ts";

const COLUMNS = "uuid, event, properties, elements, set, set_once, distinct_id, team_id, ip, site_url, timestamp";
/** Columns (0-based, per row) that hold JSON and go through JSON_PARSE in `super` mode. */
const JSON_COLUMNS = new Set([2, 4, 5]);

/** The CREATE TABLE statement run at setup. */
export function buildCreateTable(table: string, propertiesDataType: "varchar" | "super"): string {
  const type = propertiesDataType === "varchar" ? "varchar(65535)" : "super";
  return (
    `CREATE TABLE IF NOT EXISTS public.${table} (uuid varchar(200), event varchar(200), properties ${type}, elements varchar(65535), set ${type}, ` +
    `set_once ${type}, timestamp timestamp with time zone, team_id int, distinct_id varchar(200), ip varchar(200), site_url varchar(200));`
  );
}

/**
 * One multi-row parameterised INSERT for a non-empty batch. In `super` mode the placeholders of
 * properties, set and set_once are wrapped in `JSON_PARSE(...)` and the parameters stay plain JSON text
 * (the original bound the text `JSON_PARSE(...)` as the value).
 */
export function buildInsert(table: string, rows: ParsedEvent[], propertiesDataType: "varchar" | "super"): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const groups = rows.map((row) => {
    const rowValues = [row.uuid, row.eventName, row.properties, row.elements, row.set, row.set_once, row.distinct_id, row.team_id, row.ip, row.site_url, row.timestamp];
    const placeholders = rowValues.map((value, column) => {
      values.push(value);
      const placeholder = `$${values.length}`;
      return propertiesDataType === "super" && JSON_COLUMNS.has(column) ? `JSON_PARSE(${placeholder})` : placeholder;
    });
    return `(${placeholders.join(", ")})`;
  });
  return { text: `INSERT INTO ${table} (${COLUMNS}) VALUES ${groups.join(", ")}`, values };
}
