import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { convertName } from "./lib/convert-name.ts";
import { conventionFor } from "./lib/naming-conventions.ts";

type Meta = PluginMeta<{ defaultNamingConvention?: string }>;

/** Fails setup with a clear message when the naming convention is unknown. */
export function setupPlugin({ config }: Meta): void {
  conventionFor(config.defaultNamingConvention);
}

/** Renames each event (in place) to the configured convention; `$` events and survey events keep their names. Same array back. */
export function processEventBatch(events: PluginEvent[], { config }: Meta): PluginEvent[] {
  const target = conventionFor(config.defaultNamingConvention);
  for (const event of events) {
    if (typeof event.event === "string") event.event = convertName(event.event, target);
  }
  return events;
}
