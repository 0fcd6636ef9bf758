import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import type { GeoIPCity, GeoIPExtension } from "@connectors/plugin-api";
import { Reader, type Response } from "mmdb-lib";
import { PluginLoadError } from "../errors.ts";
import { shareGeoIPDatabase } from "./shared-database.ts";
import { RecordCache } from "./record-cache.ts";
import { toCity } from "./to-city.ts";

/**
 * `meta.geoip` backed by a MaxMind City database (`.mmdb`, e.g. GeoLite2-City): `locate(ip)` resolves
 * a geoip2-node-shaped `City`, or null for an unknown or invalid address.
 *
 * @param source - path of the .mmdb file, or its bytes
 * @throws PluginLoadError when the file is missing or is not a MaxMind database
 */
export function createMmdbGeoIP(source: string | Buffer): GeoIPExtension & { databaseType: string } {
  const label = typeof source === "string" ? source : "<buffer>";
  let reader: Reader<Response>;
  let shared: SharedArrayBuffer;
  try {
    const bytes = typeof source === "string" ? readFileSync(source) : source;
    // One copy in shared memory: the host reader and every sandbox isolate read the same bytes.
    shared = new SharedArrayBuffer(bytes.byteLength);
    bytes.copy(Buffer.from(shared));
    reader = new Reader(Buffer.from(shared), { cache: new RecordCache() });
  } catch (error) {
    const cause = (error as NodeJS.ErrnoException).code === "ENOENT" ? "the file does not exist" : error instanceof Error ? error.message : String(error);
    throw new PluginLoadError(`Cannot open GeoIP database ${label}: ${cause}. Fix: pass a MaxMind City .mmdb file (e.g. GeoLite2-City.mmdb) to --geoip.`, { cause: error });
  }
  const ipv4Only = reader.metadata.ipVersion === 4;
  const geoip = {
    databaseType: reader.metadata.databaseType,
    async locate(ip: string): Promise<GeoIPCity | null> {
      const version = typeof ip === "string" ? isIP(ip) : 0;
      if (version === 0 || (ipv4Only && version === 6)) return null;
      const [record, prefixLength] = reader.getWithPrefixLength(ip);
      return record ? toCity(record as unknown as Record<string, unknown>, ip, prefixLength) : null;
    },
  };
  shareGeoIPDatabase(geoip, shared);
  return geoip;
}
