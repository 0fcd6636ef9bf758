const SUFFIXES = [
  "city_name",
  "country_name",
  "country_code",
  "continent_name",
  "continent_code",
  "postal_code",
  "latitude",
  "longitude",
  "time_zone",
  "subdivision_1_code",
  "subdivision_1_name",
  "subdivision_2_code",
  "subdivision_2_name",
  "subdivision_3_code",
  "subdivision_3_name",
] as const;

/** The 15 `$geoip_*` names GeoIP writes to properties and `$set`. */
export const GEOIP_KEYS: readonly string[] = SUFFIXES.map((suffix) => `$geoip_${suffix}`);

/** The 15 `$initial_geoip_*` names GeoIP writes to `$set_once`. */
export const INITIAL_GEOIP_KEYS: readonly string[] = SUFFIXES.map((suffix) => `$initial_geoip_${suffix}`);
