import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { buildTracking, type Tracking } from "./lib/build-tracking.ts";
import { readEventTime } from "./lib/event-time.ts";
import { timeSequences } from "./lib/time-sequences.ts";

type Meta = PluginMeta<{ eventsToTrack?: string; updateTimestamp?: string }, Tracking>;

/** Parses the `(eventA,eventB),…` pairs; a malformed list fails setup. */
export function setupPlugin({ config, global }: Meta): void {
  Object.assign(global, buildTracking(config.eventsToTrack));
}

/** Remembers when a user performed A and adds `time_since_<A>` (ms) to their later B events. */
export async function processEvent(event: PluginEvent, { config, global, storage }: Meta): Promise<PluginEvent> {
  const time = readEventTime(event);
  if (!time) return event;
  await timeSequences(event, time, global, storage, config.updateTimestamp === "Yes");
  return event;
}
