import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { parseValues } from "./lib/parse-values.ts";
import { shouldDrop } from "./lib/should-drop.ts";

type Meta = PluginMeta<{ property_key?: string; property_values?: string }>;

/** Drops (returns null) events whose `properties[property_key]` is present and, when values are configured, matches one; keeps the rest unchanged. */
export function processEvent(event: PluginEvent, { config }: Meta): PluginEvent | null {
  const key = config.property_key;
  if (!event.properties || !key) return event;
  return shouldDrop(event.properties, key, parseValues(config.property_values)) ? null : event;
}
