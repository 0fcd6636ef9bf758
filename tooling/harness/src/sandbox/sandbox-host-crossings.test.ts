import { describe, expect, it } from "vitest";
import { createMmdbGeoIP } from "../geoip/mmdb-geoip.ts";
import { createTestCityDatabase } from "../geoip/test-city-database.ts";
import { event } from "../test-support/temp-connector.ts";
import { getConnectorSandbox } from "./load-sandboxed.ts";
import { sandboxedConnector } from "./sandbox-test-support.ts";

const IPS = ["89.160.20.129", "81.2.69.160", "216.160.83.58", "10.0.0.1", "not an ip", "2001:db8::1"];
const GEOIP_CONNECTOR = `exports.processEvent = async (e, { geoip }) => {
  const city = await geoip.locate(e.ip);
  return { ...e, properties: { ...e.properties, city: city && city.city ? city.city.names.en : null, country: city ? city.country && city.country.isoCode : null, network: city ? city.traits.network : null } };
}`;
// Locates, then one cache read per event and a write for every third (the geoip connector's shape).
const CACHING_CONNECTOR = `exports.processEvent = async (e, { geoip, cache }) => {
  const city = await geoip.locate(e.ip);
  const seen = await cache.get('ip:' + e.properties.n, null);
  if (e.properties.n % 3 === 0) await cache.set('ip:' + e.properties.n, e.ip);
  return { ...e, properties: { ...e.properties, country: city ? city.country.isoCode : null, seen } };
}`;

const COUNTRIES: Record<string, string> = { "89.160.20.129": "SE", "81.2.69.160": "GB", "216.160.83.58": "US" };
const events = (count: number) => Array.from({ length: count }, (_, n) => ({ ...event({ properties: { n } }), ip: IPS[n % IPS.length]! }));

describe("host crossings per event (a count, so CI can budget it exactly)", () => {
  it("answers meta.geoip.locate inside the isolate: 0 crossings, the same answers as the host reader", async () => {
    const geoip = createMmdbGeoIP(createTestCityDatabase());
    const sandboxed = await sandboxedConnector(GEOIP_CONNECTOR, { geoip });
    const inProcess = await sandboxedConnector(GEOIP_CONNECTOR, { geoip }, { mode: "bundle" });
    const sandbox = getConnectorSandbox(sandboxed.plugin)!;
    const before = sandbox.hostCrossings;
    for (const input of events(60)) expect(await sandboxed.processEvent(input)).toEqual(await inProcess.processEvent(input));
    await sandbox.processEventBatch(events(600), sandboxed.meta);
    expect(sandbox.hostCrossings - before).toBe(0);
  });

  it("hands every lookup its own City, in the sandbox and in-process: changing one never changes the next (records are cached)", async () => {
    const code = `exports.processEvent = async (e, { geoip }) => {
      const first = await geoip.locate('89.160.20.129');
      first.city.names.en = 'changed'; first.location.latitude = 0; first.subdivisions.length = 0;
      const second = await geoip.locate('89.160.20.129');
      return { ...e, properties: { first: first.city.names.en, second: second.city.names.en, latitude: second.location.latitude, subdivisions: second.subdivisions.length } }
    }`;
    const geoip = createMmdbGeoIP(createTestCityDatabase());
    const untouched = (await geoip.locate("89.160.20.129"))!;
    for (const mode of ["sandbox", "bundle"] as const) {
      const connector = await sandboxedConnector(code, { geoip }, { mode });
      const out = await connector.processEvent(event());
      expect(out!.properties).toMatchObject({ first: "changed", second: untouched.city!.names.en, latitude: untouched.location!.latitude, subdivisions: untouched.subdivisions!.length });
    }
    expect(untouched.city!.names.en).toBe("Linköping");
  });

  it("sends a batch chunk's cache operations in one crossing per turn (≤ 0.1 crossings per event)", async () => {
    const connector = await sandboxedConnector(CACHING_CONNECTOR, { geoip: createMmdbGeoIP(createTestCityDatabase()) });
    const sandbox = getConnectorSandbox(connector.plugin)!;
    const input = events(1_000);
    const before = sandbox.hostCrossings;
    const out = await sandbox.processEventBatch(input, connector.meta);
    const crossings = sandbox.hostCrossings - before;
    expect(crossings).toBeGreaterThan(0);
    expect(crossings / input.length).toBeLessThanOrEqual(0.1);
    expect(out.map((e) => e!.properties!.country)).toEqual(input.map((e) => COUNTRIES[e.ip as string] ?? null));
    const again = await sandbox.processEventBatch(input.slice(0, 6), connector.meta);
    expect(again.map((e) => e!.properties!.seen)).toEqual(input.slice(0, 6).map((e) => (e.properties!.n % 3 === 0 ? e.ip : null)));
  });

  it("still calls a geoip that is not a MaxMind file on the host", async () => {
    const calls: string[] = [];
    const connector = await sandboxedConnector(GEOIP_CONNECTOR, { geoip: { locate: async (ip: string) => (calls.push(ip), null) } });
    await connector.processEvent({ ...event(), ip: "1.2.3.4" });
    expect(calls).toEqual(["1.2.3.4"]);
    expect(getConnectorSandbox(connector.plugin)!.hostCrossings).toBeGreaterThan(0);
  });
});
