import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * The first tracked person property of an event: candidates merged from `properties.$set`,
 * `properties.$set_once`, `$set_once`, `$set` (later wins), in merged key order. Undefined when none.
 */
export function findTrackedProperty(event: ProcessedPluginEvent, tracked: Set<string>): [string, unknown] | undefined {
  const properties = asObject(event.properties);
  const merged = { ...asObject(properties.$set), ...asObject(properties.$set_once), ...asObject(event.$set_once), ...asObject(event.$set) };
  return Object.entries(merged).find(([key]) => tracked.has(key));
}
