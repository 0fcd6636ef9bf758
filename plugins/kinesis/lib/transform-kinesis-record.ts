/** What a record becomes: the event name and the mapped properties. */
export interface KinesisPosthogEvent {
  event: string;
  properties: Record<string, string>;
}

/** Where the transformation reports skipped records and properties (the connector passes `meta.logger`). */
export interface TransformLogger {
  log(message: string): void;
  error(message: string): void;
}

const SILENT: TransformLogger = { log: () => undefined, error: () => undefined };

/** Walks `path` through own properties of objects; null as soon as a step is missing or the value is falsy. */
function lookup(record: unknown, path: string[]): unknown {
  let current: unknown = record;
  for (const step of path) {
    if (!current || typeof current !== "object" || !Object.prototype.hasOwnProperty.call(current, step)) return null;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** `recordKey:posthogKey` pairs from the setting: trimmed, empty ones and ones without both sides dropped. */
function parseMappings(setting: string | undefined, logger: TransformLogger): Array<[string, string]> {
  const mappings: Array<[string, string]> = [];
  for (const raw of (setting ?? "").split(",")) {
    const mapping = raw.trim();
    if (mapping === "") continue;
    const [recordKey = "", posthogKey = ""] = mapping.split(":").map((part) => part.trim());
    if (recordKey === "" || posthogKey === "") {
      logger.error(`Property mapping "${mapping}" is not of the form recordKey:posthogKey, skipping`);
      continue;
    }
    mappings.push([recordKey, posthogKey]);
  }
  return mappings;
}

/**
 * Turns a parsed Kinesis record into `{ event, properties }`, or null when the record has no string at
 * `eventKey` (nested keys are dot paths). `additionalPropertyMappings` is `recordKey:posthogKey,...`;
 * missing, falsy and non-string values are skipped with a log. Mapping to `distinct_id` / `timestamp`
 * makes `posthog.capture` use the value as the event's distinct id / time. Never throws.
 *
 * @example
 * transformKinesisRecordToPosthogEvent({ type: "signup", user: { id: "u-7" } }, "type", "user.id:distinct_id")
 * // { event: "signup", properties: { distinct_id: "u-7" } }
 */
export function transformKinesisRecordToPosthogEvent(
  payload: unknown,
  eventKey: string,
  additionalPropertyMappings?: string,
  logger: TransformLogger = SILENT,
): KinesisPosthogEvent | null {
  try {
    const event = lookup(payload, eventKey.split("."));
    if (!event) {
      logger.error(`Cannot find key ${eventKey} in object ${JSON.stringify(payload)}`);
      return null;
    }
    if (typeof event !== "string") {
      logger.error(`Key ${eventKey} does not contain a string event name in object ${JSON.stringify(payload)}`);
      return null;
    }
    const properties: Record<string, string> = {};
    for (const [recordKey, posthogKey] of parseMappings(additionalPropertyMappings, logger)) {
      const value = lookup(payload, recordKey.split("."));
      if (!value) logger.log(`Property ${recordKey} does not exist, skipping`);
      else if (typeof value !== "string") logger.log(`Property ${recordKey} does not contain a string value, skipping`);
      else properties[posthogKey] = value;
    }
    return { event, properties };
  } catch (error) {
    logger.error(`Failed transforming Kinesis record, skipping it: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
