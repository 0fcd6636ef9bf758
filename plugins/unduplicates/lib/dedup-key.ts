import type { PluginEvent } from "@posthog/plugin-scaffold";

/** The text the original prefixed every key with (RFC 4122's OID namespace, used as text). */
const NAMESPACE_TEXT = "6ba7b812-9dad-11d1-80b4-00c04fd430c8";

/**
 * The identity string of an event: namespace, team, distinct ID, event and timestamp joined by `_`
 * (template-literal conversion, so a missing value reads `undefined`), plus `_<JSON of properties>`
 * in `All Properties` mode (an absent `properties` serialises as `undefined`).
 */
export function buildDedupKey(event: PluginEvent, dedupMode: unknown): string {
  const base = `${NAMESPACE_TEXT}_${event.team_id}_${event.distinct_id}_${event.event}_${event.timestamp}`;
  return dedupMode === "All Properties" ? `${base}_${JSON.stringify(event.properties)}` : base;
}
