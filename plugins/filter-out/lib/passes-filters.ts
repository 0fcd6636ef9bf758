import type { Properties } from "@posthog/plugin-scaffold";
import type { CompiledFilter } from "./parse-filters.ts";

/** True when every filter passes, in order; a missing (`undefined`) property fails. `null` is a value. */
export function passesFilters(properties: Properties, filters: readonly CompiledFilter[]): boolean {
  return filters.every(({ property, test }) => properties[property] !== undefined && test(properties[property]));
}
