import type { GeoIPCity } from "@connectors/plugin-api";

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function camelize(value: unknown, parentKey = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => camelize(v, parentKey));
  if (value === null || typeof value !== "object") return value;
  // `names` maps language codes (pt-BR, zh-CN) to names: its keys stay as they are.
  if (parentKey === "names") return { ...(value as object) };
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [camel(k), camelize(v, k)]));
}

/**
 * Turns a raw MaxMind City record (snake_case, as in the .mmdb file) into the `City` object
 * `@maxmind/geoip2-node` gave PostHog plugins: camelCase fields (`country.isoCode`,
 * `location.timeZone`, `location.accuracyRadius`), `subdivisions` an array, and `traits` with the
 * looked-up `ipAddress` and its `network`.
 */
export function toCity(record: Record<string, unknown>, ipAddress: string, prefixLength: number): GeoIPCity {
  const city = camelize(record) as Record<string, unknown>;
  if (ipAddress.includes(":")) return { ...city, subdivisions: (city.subdivisions as unknown[] | undefined) ?? [], traits: { ...(city.traits as object | undefined), ipAddress, network: `${ipAddress}/${prefixLength}` } } as GeoIPCity;
  const base = ipAddress.split(".").map(Number);
  const mask = prefixLength === 0 ? 0 : (~0 << (32 - prefixLength)) >>> 0;
  const value = ((base[0]! << 24) | (base[1]! << 16) | (base[2]! << 8) | base[3]!) >>> 0;
  const start = (value & mask) >>> 0;
  const network = `${[24, 16, 8, 0].map((shift) => (start >>> shift) & 0xff).join(".")}/${prefixLength}`;
  return { ...city, subdivisions: (city.subdivisions as unknown[] | undefined) ?? [], traits: { ...(city.traits as object | undefined), ipAddress, network } } as GeoIPCity;
}
