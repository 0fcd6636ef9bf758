import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describeDate } from "./lib/describe-date.ts";
import { readEpochSeconds } from "./lib/read-epoch-seconds.ts";

/** Adds UTC `day_of_the_week`, `day`, `month`, `year`, `hour`, `minute` from `properties.$time` (seconds); otherwise leaves the event alone. */
export function processEvent(event: PluginEvent): PluginEvent {
  const date = event.properties ? readEpochSeconds(event.properties.$time) : null;
  if (!event.properties || !date) return event;
  Object.assign(event.properties, describeDate(date));
  return event;
}
