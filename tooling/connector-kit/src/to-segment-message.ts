import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { getValue } from "./get-value.ts";
import { setValue } from "./set-value.ts";

type Mapping = Array<[target: string, source: string | string[]]>;

const GENERIC: Mapping = [
  ["context.os.name", "properties.$os"],
  ["context.browser", "properties.$browser"],
  ["context.page.host", "properties.$host"],
  ["context.page.url", "properties.$current_url"],
  ["context.page.path", "properties.$pathname"],
  ["context.page.referrer", "properties.$referrer"],
  ["context.page.initial_referrer", "properties.$initial_referrer"],
  ["context.page.referring_domain", "properties.$referring_domain"],
  ["context.app.version", "properties.posthog_version"],
  ["context.page.initial_referring_domain", "properties.$initial_referring_domain"],
  ["context.browser_version", "properties.$browser_version"],
  ["context.screen.height", "properties.$screen_height"],
  ["context.screen.width", "properties.$screen_width"],
  ["context.library.name", "properties.$lib"],
  ["context.library.version", "properties.$lib_version"],
  ["context.ip", "ip"],
  ["messageId", "$insert_id"],
  ["originalTimestamp", "timestamp"],
  ["userId", ["$user_id", "distinct_id"]],
  ["anonymousId", ["properties.$anon_distinct_id", "properties.$device_id", "properties.distinct_id"]],
  ["context.active_feature_flags", "properties.$active_feature_flags"],
  ["context.posthog_version", "properties.posthog_version"],
  ["context.has_slack_webhook", "properties.has_slack_webhook"],
  ["context.token", "properties.token"],
];

const BY_TYPE: Record<string, { type: string; mapping: Mapping }> = {
  $identify: { type: "identify", mapping: [["context.traits", "$set"], ["traits", "$set"]] },
  $create_alias: { type: "alias", mapping: [["userId", "properties.alias"], ["previousId", "properties.distinct_id"]] },
  $pageview: {
    type: "page",
    mapping: [
      ["name", "properties.name"],
      ["properties.category", "properties.category"],
      ["properties.host", "properties.$host"],
      ["properties.url", "properties.$current_url"],
      ["properties.path", "properties.$pathname"],
      ["properties.referrer", "properties.$referrer"],
      ["properties.initial_referrer", "properties.$initial_referrer"],
      ["properties.referring_domain", "properties.$referring_domain"],
      ["properties.initial_referring_domain", "properties.$initial_referring_domain"],
    ],
  },
  $group: { type: "group", mapping: [["groupId", "groupId"], ["traits", "traits"]] },
  $autocapture: { type: "track", mapping: [["event", "properties.$event_type"], ["properties.elements", "properties.$elements"]] },
};
BY_TYPE.$page = BY_TYPE.$pageview!;
const TRACK: { type: string; mapping: Mapping } = { type: "track", mapping: [["event", "event"]] };

function lookup(event: unknown, source: string | string[]): unknown {
  if (typeof source === "string") return getValue(event, source);
  let value: unknown;
  for (const path of source) {
    value = getValue(event, path);
    if (value) return value;
  }
  return value;
}

function apply(message: Record<string, unknown>, event: unknown, mapping: Mapping): void {
  for (const [target, source] of mapping) {
    const value = lookup(event, source);
    if (value !== null && value !== undefined) setValue(message, target, value);
  }
}

/** The Segment-style message for a PostHog event (constants, generic fields, type mapping, custom properties). */
export function toSegmentMessage(event: ProcessedPluginEvent): Record<string, unknown> {
  const message: Record<string, unknown> = { context: { app: { name: "PostHogPlugin" } }, channel: "s2s" };
  apply(message, event, GENERIC);
  const kind = Object.hasOwn(BY_TYPE, event.event) ? BY_TYPE[event.event]! : TRACK;
  message.type = kind.type;
  apply(message, event, kind.mapping);
  for (const [key, value] of Object.entries(event.properties ?? {})) {
    if (!key.startsWith("$") && value !== null && value !== undefined) setValue(message, `properties.${key}`, value);
  }
  return message;
}
