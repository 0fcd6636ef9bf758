// `meta.geoip` answered inside the isolate from the MaxMind database the host shares with every isolate
// (no host call per lookup). The shared bytes stay in this module: connector code never gets a reference.
// Decoded records are kept (RecordCache) and never handed out: toCity copies them for each lookup.
import { MmdbReader } from "./mmdb-reader.js";
import { toCity } from "../../geoip/to-city.ts";
import { RecordCache } from "../../geoip/record-cache.ts";

let readerFor;
let reader;

function readerOf(database) {
  if (readerFor !== database) {
    reader = new MmdbReader(database, new RecordCache());
    readerFor = database;
  }
  return reader;
}

/** A `meta.geoip` whose `locate(ip)` resolves a geoip2-node-shaped City, or null (as the host's does). */
export function createInIsolateGeoIP(database) {
  const reader = readerOf(database);
  return {
    async locate(ip) {
      const hit = reader.lookup(ip);
      return hit && hit[0] ? toCity(hit[0], ip, hit[1]) : null;
    },
  };
}
