import type { GeoIPExtension } from "@connectors/plugin-api";

const databases = new WeakMap<GeoIPExtension, SharedArrayBuffer>();

/** Records that `geoip` answers from the MaxMind database in `bytes` (shared memory, never written after this). */
export function shareGeoIPDatabase(geoip: GeoIPExtension, bytes: SharedArrayBuffer): void {
  databases.set(geoip, bytes);
}

/**
 * The MaxMind database behind a `meta.geoip` made by {@link createMmdbGeoIP}, as one SharedArrayBuffer the
 * sandbox hands to every isolate (shared, not copied) so lookups run inside the isolate without a host
 * call; undefined for any other geoip implementation (those are called on the host).
 */
export function sharedGeoIPDatabase(geoip: GeoIPExtension | undefined): SharedArrayBuffer | undefined {
  return geoip ? databases.get(geoip) : undefined;
}
