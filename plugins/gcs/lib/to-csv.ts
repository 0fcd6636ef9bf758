import { EVENT_VALUE_COLUMNS } from "@connectors/connector-kit";

/** One RFC 4180 field: always quoted, inner quotes doubled; null and undefined become empty. */
export function quoteField(value: unknown): string {
  if (value === null || value === undefined) return '""';
  return `"${String(value).replace(/"/g, '""')}"`;
}

/**
 * The CSV text: the header line, then one line per row, joined by `\n`, no trailing newline. Fields are
 * quoted per RFC 4180 (the original wrote them raw, so JSON commas broke the columns).
 */
export function toCsv(rows: unknown[][]): string {
  return [EVENT_VALUE_COLUMNS.join(","), ...rows.map((row) => row.map(quoteField).join(","))].join("\n");
}
