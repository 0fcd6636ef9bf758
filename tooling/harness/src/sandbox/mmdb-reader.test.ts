import { isIP } from "node:net";
import fc from "fast-check";
import { Reader } from "mmdb-lib";
import { describe, expect, it } from "vitest";
import { writeMmdb, type MmdbValue } from "../geoip/mmdb-writer.ts";
import { createTestCityDatabase, TEST_CITY_NETWORKS } from "../geoip/test-city-database.ts";
import { MmdbReader } from "./prelude/mmdb-reader.js";

function readers(bytes: Buffer) {
  const shared = new SharedArrayBuffer(bytes.byteLength);
  bytes.copy(Buffer.from(shared));
  return { ours: new MmdbReader(shared), host: new Reader(bytes) };
}

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join("."));
/** Addresses inside (or at the edges of) the test networks, and anywhere else. */
const nearTestNetworks = fc.oneof(
  ipv4,
  fc.tuple(fc.constantFrom(...TEST_CITY_NETWORKS.map((n) => n.network.split("/")[0]!)), fc.integer({ min: -2, max: 130 })).map(([base, delta]) => {
    const parts = base.split(".").map(Number);
    const last = parts[3]! + delta;
    return last < 0 || last > 255 ? base : [...parts.slice(0, 3), last].join(".");
  }),
);

const leaf: fc.Arbitrary<MmdbValue> = fc.oneof(fc.string({ unit: "binary" }), fc.boolean(), fc.integer({ min: 0, max: 0xffffffff }), fc.double({ noNaN: true, noDefaultInfinity: true }));
const { tree } = fc.letrec<{ tree: MmdbValue }>((tie) => ({
  tree: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, fc.array(tie("tree"), { maxLength: 4 }), fc.dictionary(fc.string({ unit: "grapheme", maxLength: 8 }), tie("tree"), { maxKeys: 4 })),
}));

describe("the in-isolate MaxMind reader (mmdb-reader.js) against mmdb-lib", () => {
  const { ours, host } = readers(createTestCityDatabase());

  it("reads the same metadata", () => {
    const { metadata } = ours;
    expect(ours.databaseType).toBe(host.metadata.databaseType);
    expect([metadata.node_count, metadata.record_size, metadata.ip_version, metadata.languages, metadata.description]).toEqual([host.metadata.nodeCount, host.metadata.recordSize, host.metadata.ipVersion, host.metadata.languages, host.metadata.description]);
  });

  it("finds the same record and prefix length for any IPv4 address", () => {
    fc.assert(
      fc.property(nearTestNetworks, (ip) => {
        const [record, prefix] = host.getWithPrefixLength(ip);
        expect(ours.lookup(ip)).toEqual([record, prefix]);
      }),
      { numRuns: 2000 },
    );
  });

  it("answers null exactly for what is not an IPv4 address (the test database is IPv4 only)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), ipv4.map((ip) => ` ${ip}`), fc.constantFrom("::1", "::ffff:1.2.3.4", "1.2.3.04", "256.1.1.1", "1.2.3", "")), (text) => {
        expect(ours.lookup(text) === null).toBe(isIP(text) !== 4);
      }),
    );
    for (const value of [undefined, null, 42, {}]) expect(ours.lookup(value)).toBeNull();
  });

  it("decodes any record the writer can hold as mmdb-lib does (strings, uint32, doubles, booleans, arrays, maps)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(octet, octet, octet), { minLength: 1, maxLength: 6, selector: (t) => t.join(".") }), fc.array(fc.dictionary(fc.string({ maxLength: 6 }), tree, { maxKeys: 5 }), { minLength: 6, maxLength: 6 }), (prefixes, records) => {
        const networks = prefixes.map((p, i) => ({ network: `${p.join(".")}.0/24`, data: records[i]! as { [key: string]: MmdbValue } }));
        const pair = readers(writeMmdb({ databaseType: "Fuzz", networks }));
        for (const { network } of networks) {
          const ip = network.replace(".0/24", ".77");
          expect(pair.ours.lookup(ip)).toEqual(pair.host.getWithPrefixLength(ip));
        }
      }),
      { numRuns: 200 },
    );
  });
});
