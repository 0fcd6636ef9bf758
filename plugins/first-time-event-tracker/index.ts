import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { flagFirstEvents } from "./lib/flag-first-events.ts";
import { parseEventList } from "./lib/parse-event-list.ts";

type Meta = PluginMeta<{ events?: string }, { eventsToTrack: Set<string> }>;

/** Reads the tracked event names (comma-separated, trimmed). */
export function setupPlugin({ config, global }: Meta): void {
  global.eventsToTrack = parseEventList(config.events);
}

/** Flags tracked events as the first ever / the first for their user. */
export async function processEvent(event: PluginEvent, { global, storage }: Meta): Promise<PluginEvent> {
  if (global.eventsToTrack.has(event.event)) await flagFirstEvents(event, storage);
  return event;
}
