import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

/**
 * When an `$autocapture`'s `$elements` property counts as there to move: `"key"` when the key exists
 * (even holding null), `"truthy"` only for a truthy value. The originals of the connectors differ here.
 */
export type ElementsPresence = "key" | "truthy";

/**
 * Splits an event's properties for an export with an `elements` column: for an `$autocapture` whose
 * `$elements` count as present (see {@link ElementsPresence}), `$elements` moves out of the properties into
 * `elements`; otherwise the properties stay whole and `elements` is `[]`. Missing properties are `{}`.
 * The event is not changed.
 */
export function splitAutocaptureElements(
  event: Pick<ProcessedPluginEvent, "event"> & { properties?: ProcessedPluginEvent["properties"] | null },
  presence: ElementsPresence,
): { properties: ProcessedPluginEvent["properties"]; elements: unknown } {
  const { $elements, ...rest } = event.properties ?? {};
  const present = presence === "key" ? event.properties != null && "$elements" in event.properties : Boolean($elements);
  if (event.event !== "$autocapture" || !present) return { properties: event.properties ?? {}, elements: [] };
  return { properties: rest, elements: $elements ?? [] };
}
