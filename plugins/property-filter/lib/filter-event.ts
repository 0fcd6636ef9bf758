import type { PluginEvent } from "@posthog/plugin-scaffold";
import { removePath } from "./remove-path.ts";

/**
 * A shallow copy of the event whose properties (a copy; `{}` when absent) lack every listed entry:
 * plain names at the top level, dotted names as nested paths. `$ip` also removes the top-level `ip`.
 */
export function filterEvent(event: PluginEvent, entries: readonly string[]): PluginEvent {
  const out: PluginEvent = { ...event };
  let properties = { ...(event.properties ?? {}) };
  for (const entry of entries) {
    if (entry === "$ip") delete (out as Partial<PluginEvent>).ip;
    properties = removePath(properties, entry.includes(".") ? entry.split(".") : [entry]);
  }
  out.properties = properties;
  return out;
}
