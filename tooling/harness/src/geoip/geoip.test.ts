import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createConnector } from "../create-connector.ts";
import { event, tempConnector } from "../test-support/temp-connector.ts";
import { createMmdbGeoIP } from "./mmdb-geoip.ts";
import { encodeMmdbValue, writeMmdb } from "./mmdb-writer.ts";
import { createTestCityDatabase } from "./test-city-database.ts";

function databaseFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), "geoip-")), "GeoLite2-City-Test.mmdb");
  writeFileSync(file, createTestCityDatabase());
  return file;
}

describe("geoip.locate over an .mmdb file", () => {
  it("returns a geoip2-node City for a known address", async () => {
    const geoip = createMmdbGeoIP(databaseFile());
    expect(geoip.databaseType).toBe("GeoLite2-City");
    const city = await geoip.locate("89.160.20.129");
    expect(city).toMatchObject({
      city: { geonameId: 2694762, names: { en: "Linköping", sv: "Linköping" } },
      continent: { code: "EU", names: { en: "Europe" } },
      country: { isoCode: "SE", isInEuropeanUnion: true, names: { en: "Sweden" } },
      location: { accuracyRadius: 76, latitude: 58.4167, longitude: 15.6167, timeZone: "Europe/Stockholm" },
      postal: { code: "589 41" },
      registeredCountry: { isoCode: "SE" },
      subdivisions: [{ isoCode: "E", names: { en: "Östergötland County" } }],
      traits: { ipAddress: "89.160.20.129", network: "89.160.20.128/25" },
    });
  });

  it("returns records without a city, and null for unknown, invalid and IPv6 addresses", async () => {
    const geoip = createMmdbGeoIP(createTestCityDatabase());
    const us = await geoip.locate("216.160.83.58");
    expect(us).toMatchObject({ country: { isoCode: "US" }, subdivisions: [], traits: { network: "216.160.83.56/29" } });
    expect(us).not.toHaveProperty("city");
    expect(await geoip.locate("81.2.69.191")).toMatchObject({ city: { names: { en: "London" } } });
    expect(await geoip.locate("81.2.69.192")).toBeNull();
    expect(await geoip.locate("10.0.0.1")).toBeNull();
    expect(await geoip.locate("not an ip")).toBeNull();
    expect(await geoip.locate("2001:db8::1")).toBeNull();
  });

  it("fails clearly for a missing or corrupt file", () => {
    expect(() => createMmdbGeoIP("/nonexistent/City.mmdb")).toThrow(/Cannot open GeoIP database \/nonexistent\/City.mmdb: the file does not exist. Fix: pass a MaxMind City .mmdb/);
    expect(() => createMmdbGeoIP(Buffer.from("not a database"))).toThrow(/Cannot open GeoIP database <buffer>/);
  });

  it("is what meta.geoip.locate answers in a connector", async () => {
    const dir = tempConnector({
      "plugin.json": { name: "GeoIP" },
      "index.js": "exports.processEvent = async (e, { geoip }) => { const r = await geoip.locate(e.properties.$ip); e.properties.$geoip_city_name = r?.city?.names?.en ?? null; e.properties.$geoip_country_code = r?.country?.isoCode ?? null; return e }",
    });
    const connector = await createConnector(dir, { geoip: createMmdbGeoIP(databaseFile()) });
    expect((await connector.processEvent(event({ properties: { $ip: "89.160.20.129" } })))?.properties).toEqual({ $ip: "89.160.20.129", $geoip_city_name: "Linköping", $geoip_country_code: "SE" });
  });
});

describe("MMDB writer", () => {
  it("is deterministic", () => {
    expect(createTestCityDatabase().equals(createTestCityDatabase())).toBe(true);
  });

  it("encodes the data-section types MaxMind readers decode", () => {
    expect(encodeMmdbValue("ab")).toEqual(Buffer.from([0x42, 0x61, 0x62]));
    expect(encodeMmdbValue(true)).toEqual(Buffer.from([0x01, 0x07]));
    expect(encodeMmdbValue(300)).toEqual(Buffer.from([0xc2, 0x01, 0x2c]));
    expect(encodeMmdbValue("x".repeat(40)).subarray(0, 2)).toEqual(Buffer.from([0x5d, 40 - 29]));
    expect(encodeMmdbValue([1]).subarray(0, 2)).toEqual(Buffer.from([0x01, 0x04]));
  });

  it("round-trips every value kind and long strings through the reader", async () => {
    const long = "y".repeat(70_000);
    const data = { s: "é", n: 7, big: 4_000_000_000, neg: -1.5, f: 0.25, b: false, list: [1, "two", { three: 3 }], long };
    const geoip = createMmdbGeoIP(writeMmdb({ databaseType: "Test", networks: [{ network: "1.2.3.0/24", data }] }));
    expect(await geoip.locate("1.2.3.4")).toMatchObject(data);
  });

  it("refuses bad or overlapping networks", () => {
    expect(() => writeMmdb({ databaseType: "T", networks: [{ network: "1.2.3.0/33", data: {} }] })).toThrow(/not an IPv4 network/);
    expect(() => writeMmdb({ databaseType: "T", networks: [{ network: "1.2.3.0/24", data: {} }, { network: "1.2.3.0/24", data: {} }] })).toThrow(/overlaps/);
  });
});
