import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { flattenProperties } from "./lib/flatten-properties.ts";

type Meta = PluginMeta<{ separator?: string }>;

const DEFAULT_SEPARATOR = "__";

/** Adds flattened copies of nested properties (`a: {b: 1}` -> `a__b: 1`); skips `$autocapture` and events without properties. */
export function processEvent(event: PluginEvent, { config }: Meta): PluginEvent {
  if (event.event === "$autocapture" || !event.properties) return event;
  event.properties = flattenProperties(event.properties, config.separator || DEFAULT_SEPARATOR);
  return event;
}
