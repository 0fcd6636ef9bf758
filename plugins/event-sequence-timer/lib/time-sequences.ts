import type { PluginEvent, StorageExtension } from "@posthog/plugin-scaffold";
import type { Tracking } from "./build-tracking.ts";

/** `time_since_<A>` with only the first space of A replaced by `_` (the original's naming, kept). */
export function timeSinceProperty(firstEvent: string): string {
  return `time_since_${firstEvent.replace(" ", "_")}`;
}

/**
 * Records the time of first-step events (`<event>_<distinct_id>`; overwritten only when
 * `lastTouch`), then writes `time_since_<A>` on second-step events for every paired A seen before.
 */
export async function timeSequences(event: PluginEvent, time: number, tracking: Tracking, storage: StorageExtension, lastTouch: boolean): Promise<void> {
  if (tracking.firstStepEvents.has(event.event)) {
    const key = `${event.event}_${event.distinct_id}`;
    if (lastTouch || !(await storage.get(key, null))) await storage.set(key, time);
  }
  for (const first of tracking.eventsToTrack.get(event.event) ?? []) {
    const stored = await storage.get(`${first}_${event.distinct_id}`, null);
    if (!stored) continue;
    event.properties ??= {};
    event.properties[timeSinceProperty(first)] = time - Number(stored);
  }
}
