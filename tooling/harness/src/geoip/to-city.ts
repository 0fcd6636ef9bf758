import type { GeoIPCity } from "@connectors/plugin-api";

/** snake_case keys seen so far and their camelCase (a City database has a few dozen; at most 1,000 kept). */
const camelKeys = new Map<string, string>();

/** `time_zone` → `timeZone`, remembered: every lookup converts the same few keys. */
function camel(key: string): string {
  let converted = camelKeys.get(key);
  if (converted === undefined) {
    converted = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    if (camelKeys.size < 1_000) camelKeys.set(key, converted);
  }
  return converted;
}

/** Sets an own property, `__proto__` included (an assignment would replace the object's prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function camelize(value: unknown, parentKey = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => camelize(v, parentKey));
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // `names` maps language codes (pt-BR, zh-CN) to names: its keys stay as they are.
  if (parentKey === "names") for (const key of Object.keys(record)) setOwn(out, key, record[key]);
  else for (const key of Object.keys(record)) setOwn(out, camel(key), camelize(record[key], key));
  return out;
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
