/** An event made from a row. */
export interface RowEvent {
  event: string;
  properties: Record<string, unknown>;
}

/** Dates as ISO-8601 strings (what `pg` returns for timestamp columns), other values unchanged. */
function plain(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** `default`: columns event, timestamp, distinct_id, properties (JSON text or object); `source` added. */
export function transformDefault(row: Record<string, unknown>): RowEvent {
  const raw = row.properties;
  const parsed = raw === null || raw === undefined ? {} : typeof raw === "string" ? JSON.parse(raw) : raw;
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("the properties column is not a JSON object");
  return {
    event: String(row.event ?? ""),
    properties: { timestamp: plain(row.timestamp), distinct_id: plain(row.distinct_id), ...(parsed as Record<string, unknown>), source: "redshift_import" },
  };
}

/** `JSON Map`: each column goes to its target (`event` names the event, other targets are properties). */
export function transformJsonMap(row: Record<string, unknown>, map: Record<string, unknown>): RowEvent {
  const out: RowEvent = { event: "", properties: {} };
  for (const [column, value] of Object.entries(row)) {
    const target = map[column];
    if (typeof target !== "string" || target === "") continue;
    if (target === "event") out.event = String(plain(value) ?? "");
    else out.properties[target] = plain(value);
  }
  return out;
}

/** Parses the `rowToEventMap` attachment; throws the setup messages for a missing or invalid file. */
export function parseRowToEventMap(contents: Buffer | string | undefined): Record<string, unknown> {
  if (contents === undefined) throw new Error("Row to event mapping JSON file not provided!");
  let map: unknown;
  try {
    map = JSON.parse(contents.toString());
  } catch {
    throw new Error("Row to event mapping JSON file contains invalid JSON!");
  }
  if (!map || typeof map !== "object" || Array.isArray(map)) throw new Error("Row to event mapping JSON file contains invalid JSON!");
  return map as Record<string, unknown>;
}
