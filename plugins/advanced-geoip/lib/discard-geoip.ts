import type { PluginEvent, Properties } from "@posthog/plugin-scaffold";
import { GEOIP_KEYS, INITIAL_GEOIP_KEYS } from "./geoip-keys.ts";

function removeKeys(target: Properties | undefined, keys: readonly string[]): void {
  if (!target) return;
  for (const key of keys) delete target[key];
}

/** Removes the `$geoip_*` keys from properties and `$set`, and `$initial_geoip_*` from `$set_once` (absent objects stay absent). */
export function discardGeoip(event: PluginEvent): void {
  removeKeys(event.$set, GEOIP_KEYS);
  removeKeys(event.$set_once, INITIAL_GEOIP_KEYS);
  removeKeys(event.properties, GEOIP_KEYS);
}
