import type { ParsedEvent } from "./parse-event.ts";

const COLUMNS = "uuid, event, properties, elements, set, set_once, distinct_id, team_id, ip, site_url, timestamp";
const PER_ROW = 11;

/** The CREATE TABLE statement run at setup. */
export function buildCreateTable(table: string): string {
  return (
    `CREATE TABLE IF NOT EXISTS public.${table} (uuid varchar(200), event varchar(200), properties jsonb, elements jsonb, set jsonb, ` +
    `set_once jsonb, timestamp timestamp with time zone, team_id int, distinct_id varchar(200), ip varchar(200), site_url varchar(200));`
  );
}

/** One multi-row parameterised INSERT for a non-empty batch. */
export function buildInsert(table: string, rows: ParsedEvent[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const groups = rows.map((row, i) => {
    values.push(row.uuid, row.eventName, row.properties, row.elements, row.set, row.set_once, row.distinct_id, row.team_id, row.ip, row.site_url, row.timestamp);
    return `(${Array.from({ length: PER_ROW }, (_, j) => `$${i * PER_ROW + j + 1}`).join(", ")})`;
  });
  return { text: `INSERT INTO ${table} (${COLUMNS}) VALUES ${groups.join(", ")}`, values };
}
