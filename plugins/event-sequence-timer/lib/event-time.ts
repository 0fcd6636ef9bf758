import type { PluginEvent } from "@posthog/plugin-scaffold";

/**
 * The event's time in ms from the first truthy of `timestamp`, `properties.timestamp`, `now`,
 * `sent_at`, `properties.$time` (seconds read as ms, as the original did). NaN when there is none.
 */
export function readEventTime(event: PluginEvent): number {
  const source = event.timestamp || event.properties?.timestamp || event.now || event.sent_at || event.properties?.$time;
  return source ? new Date(source as string | number).getTime() : Number.NaN;
}
