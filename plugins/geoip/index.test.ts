import { createEvent, createTestConnector, VirtualClock } from "@connectors/testkit";
import type { GeoIPCity, PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import pageview from "./fixtures/pageview.json" with { type: "json" };
import * as plugin from "./index.ts";
import { NO_GEOIP_MESSAGE } from "./lib/no-geoip-message.ts";

const dir = import.meta.dirname;

const LYON: GeoIPCity = {
  city: { names: { en: "Lyon" } },
  country: { names: { en: "France" }, isoCode: "FR" },
  continent: { names: { en: "Europe" }, code: "EU" },
  postal: { code: "69001" },
  location: { latitude: 45.76, longitude: 4.83, timeZone: "Europe/Paris" },
  subdivisions: [
    { isoCode: "ARA", names: { en: "Auvergne-Rhone-Alpes" } },
    { isoCode: "69", names: { en: "Rhone" } },
  ],
};
const SPAIN: GeoIPCity = { country: { names: { en: "Spain" }, isoCode: "ES" } };
const ANSWERS: Record<string, GeoIPCity> = { "203.0.113.7": LYON, "198.51.100.1": SPAIN, "13.106.122.3": SPAIN };

const LYON_PROPS = {
  $geoip_city_name: "Lyon",
  $geoip_country_name: "France",
  $geoip_country_code: "FR",
  $geoip_continent_name: "Europe",
  $geoip_continent_code: "EU",
  $geoip_postal_code: "69001",
  $geoip_latitude: 45.76,
  $geoip_longitude: 4.83,
  $geoip_time_zone: "Europe/Paris",
  $geoip_subdivision_1_code: "ARA",
  $geoip_subdivision_1_name: "Auvergne-Rhone-Alpes",
  $geoip_subdivision_2_code: "69",
  $geoip_subdivision_2_name: "Rhone",
};
const initial = (props: Record<string, unknown>) => Object.fromEntries(Object.entries(props).map(([k, v]) => [k.replace("$geoip_", "$initial_geoip_"), v]));

async function setup(options: { clock?: VirtualClock } = {}) {
  const located: string[] = [];
  const geoip = {
    locate: async (ip: string) => {
      located.push(ip);
      return ANSWERS[ip] ?? null;
    },
  };
  const connector = await createTestConnector(dir, { module: plugin, geoip, ...options });
  return { connector, located };
}

function event(overrides: Partial<PluginEvent>): PluginEvent {
  return createEvent({ event: "$pageview", ip: null, ...overrides });
}

describe("geoip", () => {
  it("writes event and person properties for a person's first event, and caches the IP (example 1)", async () => {
    const { connector, located } = await setup();
    const input = structuredClone(pageview) as PluginEvent;
    const out = await connector.processEvent(input);
    expect(out).toBe(input);
    expect(out?.properties).toEqual({ ...pageview.properties, ...LYON_PROPS });
    expect(out?.$set).toEqual(LYON_PROPS);
    expect(out?.$set_once).toEqual(initial(LYON_PROPS));
    expect(located).toEqual(["203.0.113.7"]);
    expect(await connector.meta.cache.get("d1", null)).toBe("203.0.113.7|2024-01-01T10:00:00Z");
  });

  it("leaves person properties alone for the same person and IP (example 2)", async () => {
    const { connector } = await setup();
    await connector.processEvent(structuredClone(pageview) as PluginEvent);
    const out = await connector.processEvent(event({ distinct_id: "d1", timestamp: "2024-01-01T11:00:00Z", properties: { $ip: "203.0.113.7" } }));
    expect(out?.properties).toEqual({ $ip: "203.0.113.7", ...LYON_PROPS });
    expect(out).not.toHaveProperty("$set");
    expect(out).not.toHaveProperty("$set_once");
  });

  it("does not set person properties from a late, older event with another IP (example 3)", async () => {
    const { connector } = await setup();
    await connector.processEvent(structuredClone(pageview) as PluginEvent);
    const out = await connector.processEvent(event({ distinct_id: "d1", timestamp: "2023-12-31T00:00:00Z", properties: { $ip: "198.51.100.1" } }));
    expect(out?.properties).toEqual({ $ip: "198.51.100.1", $geoip_country_name: "Spain", $geoip_country_code: "ES" });
    expect(out).not.toHaveProperty("$set");
    expect(await connector.meta.cache.get("d1", null)).toBe("203.0.113.7|2024-01-01T10:00:00Z");
  });

  it("sets person properties from a newer event with another IP and updates the cache", async () => {
    const { connector } = await setup();
    await connector.processEvent(structuredClone(pageview) as PluginEvent);
    const out = await connector.processEvent(event({ distinct_id: "d1", timestamp: "2024-01-02T00:00:00Z", properties: { $ip: "198.51.100.1" } }));
    expect(out?.$set).toMatchObject({ $geoip_country_code: "ES", $geoip_city_name: null });
    expect(await connector.meta.cache.get("d1", null)).toBe("198.51.100.1|2024-01-02T00:00:00Z");
  });

  it("fills null defaults under existing $set for a country-only answer (example 4, quirk kept)", async () => {
    const { connector } = await setup();
    const out = await connector.processEvent({ ...event({ distinct_id: "new", properties: { $ip: "198.51.100.1" } }), $set: { plan: "pro" } });
    expect(out?.$set).toEqual({
      $geoip_city_name: null,
      $geoip_country_name: "Spain",
      $geoip_country_code: "ES",
      $geoip_continent_name: null,
      $geoip_continent_code: null,
      $geoip_postal_code: null,
      $geoip_latitude: null,
      $geoip_longitude: null,
      $geoip_time_zone: null,
      plan: "pro",
    });
    expect(Object.keys(out!.$set!)).toEqual(["$geoip_city_name", "$geoip_country_name", "$geoip_country_code", "$geoip_continent_name", "$geoip_continent_code", "$geoip_postal_code", "$geoip_latitude", "$geoip_longitude", "$geoip_time_zone", "plan"]);
    expect(out?.$set_once).toMatchObject({ $initial_geoip_country_code: "ES", $initial_geoip_city_name: null });
  });

  it("lets the location overwrite existing $set/$set_once geoip keys, keeping other entries", async () => {
    const { connector } = await setup();
    const out = await connector.processEvent({ ...event({ distinct_id: "x", properties: { $ip: "198.51.100.1" } }), $set: { $geoip_country_code: "DE", $geoip_city_name: "Berlin" }, $set_once: { first: 1 } });
    expect(out?.$set).toMatchObject({ $geoip_country_code: "ES", $geoip_city_name: "Berlin" });
    expect(out?.$set_once).toMatchObject({ first: 1, $initial_geoip_country_code: "ES" });
  });

  it("returns a $geoip_disable event unchanged without a lookup (example 5)", async () => {
    const { connector, located } = await setup();
    const input = event({ properties: { $geoip_disable: true, $ip: "203.0.113.7" } });
    expect(await connector.processEvent(structuredClone(input))).toEqual(input);
    expect(located).toEqual([]);
    expect(await connector.meta.cache.get(input.distinct_id, null)).toBeNull();
  });

  it("looks up 13.106.122.3 for the loopback address, falling back to event.ip (example 6)", async () => {
    const { connector, located } = await setup();
    const out = await connector.processEvent(event({ distinct_id: "local", ip: "127.0.0.1", properties: {} }));
    expect(located).toEqual(["13.106.122.3"]);
    expect(await connector.meta.cache.get("local", null)).toMatch(/^13\.106\.122\.3\|/);
    expect(out?.properties).toMatchObject({ $geoip_country_code: "ES" });
  });

  it("prefers properties.$ip over event.ip", async () => {
    const { connector, located } = await setup();
    await connector.processEvent(event({ ip: "198.51.100.1", properties: { $ip: "203.0.113.7" } }));
    expect(located).toEqual(["203.0.113.7"]);
  });

  it("creates properties for an event without them", async () => {
    const { connector } = await setup();
    const input = event({ distinct_id: "np", ip: "203.0.113.7" });
    delete input.properties;
    const out = await connector.processEvent(input);
    expect(out?.properties).toEqual(LYON_PROPS);
  });

  it.each([
    ["no IP at all", { ip: null, properties: { a: 1 } }],
    ["an empty $ip and no ip", { ip: null, properties: { $ip: "" } }],
    ["an IP the database does not know", { ip: "192.0.2.1", properties: { a: 1 } }],
  ])("returns the event unchanged with %s", async (_what, overrides) => {
    const { connector } = await setup();
    const input = event(overrides as Partial<PluginEvent>);
    expect(await connector.processEvent(structuredClone(input))).toEqual(input);
    expect(await connector.meta.cache.get(input.distinct_id, null)).toBeNull();
  });

  it("sets keys to undefined for sub-objects missing a leaf, and numbers subdivisions from 1", async () => {
    const geoip = { locate: async () => ({ city: { names: {} }, location: {}, subdivisions: [{ names: { en: "Only name" } }] }) as GeoIPCity };
    const connector = await createTestConnector(dir, { module: plugin, geoip });
    const out = await connector.processEvent(event({ ip: "192.0.2.9", properties: {} }));
    expect(out?.properties).toEqual({ $geoip_city_name: undefined, $geoip_latitude: undefined, $geoip_longitude: undefined, $geoip_time_zone: undefined, $geoip_subdivision_1_code: undefined, $geoip_subdivision_1_name: "Only name" });
    expect(Object.keys(out!.properties!)).toEqual(["$geoip_city_name", "$geoip_latitude", "$geoip_longitude", "$geoip_time_zone", "$geoip_subdivision_1_code", "$geoip_subdivision_1_name"]);
  });

  it("converts a non-string IP to a string", async () => {
    const { connector, located } = await setup();
    await connector.processEvent(event({ properties: { $ip: 12345 } }));
    expect(located).toEqual(["12345"]);
  });

  it("sets person properties when the cached value is not a string, and when the cached timestamp is empty", async () => {
    const { connector } = await setup();
    await connector.meta.cache.set("a", 42);
    await connector.meta.cache.set("b", "198.51.100.1|");
    expect((await connector.processEvent(event({ distinct_id: "a", properties: { $ip: "203.0.113.7" } })))?.$set).toBeDefined();
    expect((await connector.processEvent(event({ distinct_id: "b", timestamp: "2000-01-01T00:00:00Z", properties: { $ip: "203.0.113.7" } })))?.$set).toBeDefined();
  });

  it("sets person properties for an event without timestamp and caches an empty timestamp", async () => {
    const { connector } = await setup();
    await connector.meta.cache.set("t", "198.51.100.1|2030-01-01T00:00:00Z");
    const input = event({ distinct_id: "t", properties: { $ip: "203.0.113.7" } });
    delete input.timestamp;
    expect((await connector.processEvent(input))?.$set).toBeDefined();
    expect(await connector.meta.cache.get("t", null)).toBe("203.0.113.7|");
  });

  it("forgets the person's IP after one day", async () => {
    const clock = new VirtualClock("2024-01-01T10:00:00Z");
    const { connector } = await setup({ clock });
    await connector.processEvent(structuredClone(pageview) as PluginEvent);
    await clock.advance(86_400_000 + 1000);
    const out = await connector.processEvent(event({ distinct_id: "d1", timestamp: "2024-01-02T10:00:01Z", properties: { $ip: "203.0.113.7" } }));
    expect(out?.$set).toEqual(LYON_PROPS);
  });

  it("keeps separate cache entries per team", async () => {
    const { connector } = await setup();
    await connector.processEvent(structuredClone(pageview) as PluginEvent);
    const other = await createTestConnector(dir, { module: plugin, geoip: { locate: async () => LYON }, teamId: 3 });
    expect((await other.processEvent({ ...(structuredClone(pageview) as PluginEvent), team_id: 3 }))?.$set).toBeDefined();
  });

  it("throws the upgrade message for every event when the host has no GeoIP (rule 1)", async () => {
    const connector = await createTestConnector(dir, { module: plugin, geoip: null });
    const input = event({ properties: { $geoip_disable: true } });
    await expect(connector.processEvent(input)).rejects.toThrow("This PostHog version does not have GeoIP capabilities! Upgrade to PostHog 1.24.0 or later");
    await expect(plugin.processEvent(event({}), { ...connector.meta, geoip: undefined } as never)).rejects.toThrow(NO_GEOIP_MESSAGE);
  });

  it("lets lookup errors propagate as a failed hook", async () => {
    const connector = await createTestConnector(dir, { module: plugin, geoip: { locate: async () => { throw new Error("The address not-an-ip is not a valid IP address") } } });
    await expect(connector.processEvent(event({ ip: "not-an-ip" }))).rejects.toThrow(/not a valid IP address/);
  });

  it("exports only processEvent", () => {
    expect(Object.keys(plugin)).toEqual(["processEvent"]);
  });

  it("has no config (stateless): any config key is rejected with a clear error", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { key: "x" } })).rejects.toThrow(/key/);
  });
});
