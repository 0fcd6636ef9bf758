import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { buildDedupKey } from "./lib/dedup-key.ts";
import { hashToUuid } from "./lib/hash-to-uuid.ts";

type Meta = PluginMeta<{ dedupMode?: string }>;

/** Replaces `event.uuid` with a UUID derived from the event's identity, so ClickHouse collapses duplicate sends. */
export function processEvent(event: PluginEvent, { config, logger }: Meta): PluginEvent {
  if (!event.timestamp) {
    logger.info("Received event without a timestamp, the event will not be processed because deduping will not work.");
    return event;
  }
  event.uuid = hashToUuid(buildDedupKey(event, config.dedupMode));
  return event;
}
