import { writeMmdb, type MmdbNetwork } from "./mmdb-writer.ts";

const names = (en: string, extra: Record<string, string> = {}) => ({ en, ...extra });

/** The networks of {@link createTestCityDatabase}: MaxMind's well-known test addresses, City-shaped. */
export const TEST_CITY_NETWORKS: readonly MmdbNetwork[] = [
  {
    network: "89.160.20.128/25",
    data: {
      city: { geoname_id: 2694762, names: names("Linköping", { de: "Linköping", sv: "Linköping" }) },
      continent: { code: "EU", geoname_id: 6255148, names: names("Europe") },
      country: { geoname_id: 2661886, is_in_european_union: true, iso_code: "SE", names: names("Sweden") },
      location: { accuracy_radius: 76, latitude: 58.4167, longitude: 15.6167, time_zone: "Europe/Stockholm" },
      postal: { code: "589 41" },
      registered_country: { geoname_id: 2661886, is_in_european_union: true, iso_code: "SE", names: names("Sweden") },
      subdivisions: [{ geoname_id: 2685867, iso_code: "E", names: names("Östergötland County") }],
    },
  },
  {
    network: "81.2.69.160/27",
    data: {
      city: { geoname_id: 2643743, names: names("London") },
      continent: { code: "EU", geoname_id: 6255148, names: names("Europe") },
      country: { geoname_id: 2635167, iso_code: "GB", names: names("United Kingdom") },
      location: { accuracy_radius: 10, latitude: 51.5142, longitude: -0.0931, time_zone: "Europe/London" },
      registered_country: { geoname_id: 6252001, iso_code: "US", names: names("United States") },
      subdivisions: [{ geoname_id: 6269131, iso_code: "ENG", names: names("England") }],
    },
  },
  {
    network: "216.160.83.56/29",
    data: {
      continent: { code: "NA", geoname_id: 6255149, names: names("North America") },
      country: { geoname_id: 6252001, iso_code: "US", names: names("United States") },
      location: { accuracy_radius: 1000, latitude: 37.751, longitude: -97.822, time_zone: "America/Chicago" },
    },
  },
];

/**
 * A small GeoLite2-City-shaped database for tests, generated (no download): Linköping
 * (89.160.20.128/25), London (81.2.69.160/27) and a US network without a city (216.160.83.56/29).
 */
export function createTestCityDatabase(): Buffer {
  return writeMmdb({ databaseType: "GeoLite2-City", networks: [...TEST_CITY_NETWORKS], description: "connectors test City database" });
}
