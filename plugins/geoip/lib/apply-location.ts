import type { PluginEvent, Properties } from "@posthog/plugin-scaffold";
import type { Location } from "./build-location.ts";

const DEFAULT_KEYS = ["city_name", "country_name", "country_code", "continent_name", "continent_code", "postal_code", "latitude", "longitude", "time_zone"] as const;

function prefixed(location: Location, prefix: string): Properties {
  return Object.fromEntries(Object.entries(location).map(([key, value]) => [`${prefix}${key}`, value]));
}

function nullDefaults(prefix: string): Properties {
  return Object.fromEntries(DEFAULT_KEYS.map((key) => [`${prefix}${key}`, null]));
}

/** Writes `$geoip_<key>` into the event's properties (created when missing). */
export function applyEventLocation(event: PluginEvent, location: Location): void {
  event.properties ??= {};
  Object.assign(event.properties, prefixed(location, "$geoip_"));
}

/**
 * Writes person properties: `$set` = the 9 `$geoip_*` defaults as null, the existing `$set`, then the
 * location; `$set_once` likewise with `$initial_geoip_*`.
 */
export function applyPersonLocation(event: PluginEvent, location: Location): void {
  event.$set = { ...nullDefaults("$geoip_"), ...(event.$set ?? {}), ...prefixed(location, "$geoip_") };
  event.$set_once = { ...nullDefaults("$initial_geoip_"), ...(event.$set_once ?? {}), ...prefixed(location, "$initial_geoip_") };
}
