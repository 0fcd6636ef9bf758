import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { filterEvent } from "./lib/filter-event.ts";
import { parseFilterList } from "./lib/parse-filter-list.ts";

type Meta = PluginMeta<{ properties?: string }, { propertiesToFilter?: string[] }>;

/** Reads the comma-separated list once (trimmed; missing means nothing to filter). */
export function setupPlugin({ config, global }: Meta): void {
  global.propertiesToFilter = parseFilterList(config.properties);
}

/** Returns a copy of the event without the configured properties (and `ip` for `$ip`); never drops it. */
export function processEvent(event: PluginEvent, { config, global }: Meta): PluginEvent {
  return filterEvent(event, global.propertiesToFilter ?? parseFilterList(config.properties));
}
