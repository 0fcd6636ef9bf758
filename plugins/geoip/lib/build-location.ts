import type { GeoIPCity } from "@posthog/plugin-scaffold";

/** Location keys (unprefixed) in the original's order; a key is present when its response part is. */
export type Location = Record<string, unknown>;

/**
 * The location map of a City response: city, country, continent, postal, location, then subdivisions
 * (`subdivision_<i>_code` / `_name`, 1-based). A group is included when its sub-object exists, even
 * when a leaf inside is missing (the key is then set to undefined).
 */
export function buildLocation(response: GeoIPCity): Location {
  const location: Location = {};
  if (response.city) location.city_name = response.city.names?.en;
  if (response.country) {
    location.country_name = response.country.names?.en;
    location.country_code = response.country.isoCode;
  }
  if (response.continent) {
    location.continent_name = response.continent.names?.en;
    location.continent_code = response.continent.code;
  }
  if (response.postal) location.postal_code = response.postal.code;
  if (response.location) {
    location.latitude = response.location.latitude;
    location.longitude = response.location.longitude;
    location.time_zone = response.location.timeZone;
  }
  if (Array.isArray(response.subdivisions)) {
    response.subdivisions.forEach((subdivision, index) => {
      location[`subdivision_${index + 1}_code`] = subdivision?.isoCode;
      location[`subdivision_${index + 1}_name`] = subdivision?.names?.en;
    });
  }
  return location;
}
