import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { setPath } from "./set-path.ts";

/** What the receiver sees in `libary` (sic: the original's spelling, kept). */
export const LIBRARY = { name: "posthog-variance-plugin", version: "1.0.0" } as const;

/** Variance message types by PostHog event; other `$` events are not sent, non-`$` events are `track`. */
const TYPES: Record<string, string> = { $create_alias: "alias", $groupidentify: "group", $identify: "identify", $pageview: "page" };

type Payload = Record<string, unknown>;
type Source = Record<string, any>;

/** Output path -> candidate source paths (first truthy wins, else the last one's value). */
const GENERIC: Array<[string, string[]]> = [
  ["anonymousId", ["properties.$anon_distinct_id", "properties.$device_id", "properties.distinct_id"]],
  ["context.app.version", ["properties.posthog_version"]],
  ["context.ip", ["ip"]],
  ["context.os.name", ["properties.$os"]],
  ["context.page.host", ["properties.$host"]],
  ["context.page.path", ["properties.$pathname"]],
  ["context.page.referrer", ["properties.$referrer"]],
  ["context.page.url", ["properties.$current_url"]],
  ["context.screen.height", ["properties.$screen_height"]],
  ["context.screen.width", ["properties.$screen_width"]],
  ["sentAt", ["sent_at"]],
  ["userId", ["$user_id", "distinct_id"]],
];

function read(source: Source, path: string): unknown {
  return path.split(".").reduce<any>((node, key) => (node == null ? undefined : node[key]), source);
}

/** Writes the first truthy candidate (or the last one's value) unless it is null/undefined. */
function map(payload: Payload, source: Source, to: string, from: string[]): void {
  let value: unknown;
  for (const path of from) {
    value = read(source, path);
    if (value) break;
  }
  if (value !== undefined && value !== null) setPath(payload, to, value);
}

/** Copies every non-`$` key of `object` with a non-null value to `<prefix>.<key>` (dotted keys nest). */
function copyPublic(payload: Payload, prefix: string, object: unknown): void {
  if (typeof object !== "object" || object === null) return;
  for (const [key, value] of Object.entries(object)) {
    if (!key.startsWith("$") && value !== undefined && value !== null) setPath(payload, `${prefix}.${key}`, value);
  }
}

/** The message type for an event, or undefined when the event is not sent. */
export function messageType(event: string): string | undefined {
  return TYPES[event] ?? (event.startsWith("$") ? undefined : "track");
}

/**
 * The Segment-like JSON body for an event of a supported type.
 *
 * @throws TypeError when `properties.$current_url` is a string the URL parser refuses
 */
export function buildPayload(event: ProcessedPluginEvent, type: string): Payload {
  const source = event as unknown as Source;
  const properties: Source = event.properties ?? {};
  const payload: Payload = { libary: { ...LIBRARY }, messageId: event.uuid, timestamp: event.timestamp };
  for (const [to, from] of GENERIC) map(payload, source, to, from);
  const url = properties.$current_url;
  const search = typeof url === "string" ? new URL(url).search : undefined;
  if (search !== undefined) setPath(payload, "context.page.search", search);
  switch (type) {
    case "track":
      payload.event = event.event;
      payload.type = "track";
      copyPublic(payload, "properties", properties);
      break;
    case "page":
      payload.type = "page";
      for (const [to, from] of [["category", "category"], ["name", "name"], ["properties.host", "$host"], ["properties.path", "$pathname"], ["properties.referrer", "$referrer"], ["properties.url", "$current_url"]] as const) {
        map(payload, properties, to, [from]);
      }
      if (search) setPath(payload, "properties.search", search);
      break;
    case "identify":
      payload.type = "identify";
      copyPublic(payload, "traits", properties.$set);
      break;
    case "group":
      payload.type = "group";
      map(payload, properties, "groupId", ["$group_key"]);
      map(payload, properties, "traits.posthog_group_type", ["$group_type"]);
      copyPublic(payload, "traits", properties.$groups);
      break;
    case "alias":
      payload.type = "alias";
      map(payload, properties, "previousId", ["distinct_id"]);
      map(payload, properties, "userId", ["alias"]);
      break;
  }
  return payload;
}
