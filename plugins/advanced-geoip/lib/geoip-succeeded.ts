const GEOIP_PLUGIN = /^GeoIP \(\d+\)$/;

/** True when `$plugins_succeeded` lists the GeoIP plugin (exactly `GeoIP (<config id>)`). */
export function geoipSucceeded(pluginsSucceeded: unknown): boolean {
  return Array.isArray(pluginsSucceeded) && pluginsSucceeded.some((name) => GEOIP_PLUGIN.test(String(name)));
}
