import { createEvent, createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import browser from "./fixtures/browser-pageview.json" with { type: "json" };
import * as plugin from "./index.ts";
import { GEOIP_KEYS, INITIAL_GEOIP_KEYS } from "./lib/geoip-keys.ts";

const dir = import.meta.dirname;
const CONFIG_A = { discardIp: "true", discardLibs: "posthog-python, posthog-ruby" };

async function connectorWith(config: Record<string, unknown>) {
  return createTestConnector(dir, { module: plugin, config });
}

function consoleLogs(connector: Awaited<ReturnType<typeof connectorWith>>): Array<[string, string]> {
  return connector.logs.filter((l) => l.source === "console").map((l) => [l.level, l.message]);
}

const allGeoip = Object.fromEntries(GEOIP_KEYS.map((k) => [k, "x"]));
const allInitial = Object.fromEntries(INITIAL_GEOIP_KEYS.map((k) => [k, "x"]));

describe("advanced-geoip", () => {
  it("removes GeoIP data for a listed library and the IP after GeoIP (example 1)", async () => {
    const connector = await connectorWith(CONFIG_A);
    const input = {
      ...createEvent({ uuid: "e1", event: "purchase", ip: "198.51.100.4" }),
      properties: { $lib: "posthog-ruby", $ip: "198.51.100.4", $geoip_country_code: "DE", $plugins_succeeded: ["GeoIP (12)"], amount: 5 },
      $set: { $geoip_country_code: "DE", email: "a@b.c" },
    } as PluginEvent;
    const out = await connector.processEvent(input);
    expect(out).toEqual({ ...input, ip: null, properties: { $lib: "posthog-ruby", $plugins_succeeded: ["GeoIP (12)"], amount: 5 }, $set: { email: "a@b.c" } });
    expect(out?.properties?.$ip).toBeUndefined();
    expect(consoleLogs(connector)).toEqual([
      ["info", "Begin processing e1."],
      ["info", "Discarding GeoIP properties from e1 as event comes from ignored $lib: posthog-ruby."],
      ["info", "IP discarded for event e1."],
      ["info", "Finished processing e1."],
    ]);
  });

  it("removes all 15 names from properties and $set, and the $initial_ names from $set_once", async () => {
    const connector = await connectorWith(CONFIG_A);
    const input = { ...createEvent({ properties: { $lib: "posthog-python", ...allGeoip, $initial_geoip_city_name: "kept", k: 1 } }), $set: { ...allGeoip, a: 1 }, $set_once: { ...allInitial, ...allGeoip, b: 2 } } as PluginEvent;
    const out = await connector.processEvent(input);
    for (const key of GEOIP_KEYS) {
      expect(out?.properties?.[key]).toBeUndefined();
      expect(out?.$set?.[key]).toBeUndefined();
    }
    for (const key of INITIAL_GEOIP_KEYS) expect(out?.$set_once?.[key]).toBeUndefined();
    expect(out?.properties).toMatchObject({ $initial_geoip_city_name: "kept", k: 1 });
    expect(out?.$set).toEqual({ a: 1 });
    expect(out?.$set_once).toEqual({ ...allGeoip, b: 2 });
  });

  it("keeps the IP and warns when GeoIP has not run (example 2)", async () => {
    const connector = await connectorWith(CONFIG_A);
    const out = await connector.processEvent(structuredClone(browser) as PluginEvent);
    expect(out).toEqual(browser);
    expect(consoleLogs(connector)).toContainEqual(["warn", `Could not discard IP for event ${browser.uuid} as GeoIP has not been processed.`]);
  });

  it("leaves the event unchanged with discardIp false for an unlisted library (example 3)", async () => {
    const connector = await connectorWith({ discardIp: "false", discardLibs: "posthog-ruby" });
    const input = createEvent({ ip: "198.51.100.4", properties: { $lib: "web", $ip: "198.51.100.4", $plugins_succeeded: ["GeoIP (12)"], $geoip_country_code: "DE" } });
    expect(await connector.processEvent(structuredClone(input))).toEqual(input);
    expect(consoleLogs(connector).map(([level]) => level)).toEqual(["info", "info"]);
  });

  it("removes GeoIP properties without creating $set and keeps the IP when GeoIP did not succeed (example 4)", async () => {
    const connector = await connectorWith(CONFIG_A);
    const input = createEvent({ properties: { $lib: "posthog-python", $ip: "198.51.100.4", $geoip_country_code: "DE", $geoip_city_name: "Berlin" } });
    const out = await connector.processEvent(input);
    expect(out?.properties).toEqual({ $lib: "posthog-python", $ip: "198.51.100.4" });
    expect(out).not.toHaveProperty("$set");
    expect(out).not.toHaveProperty("$set_once");
  });

  it("compares $lib case-insensitively and trimmed (fixed)", async () => {
    const connector = await connectorWith({ discardIp: "false", discardLibs: " Posthog-Node " });
    const out = await connector.processEvent(createEvent({ properties: { $lib: "Posthog-Node", $geoip_country_code: "DE" } }));
    expect(out?.properties?.$geoip_country_code).toBeUndefined();
  });

  it.each([["GeoIP"], ["GeoIP (x)"], ["My GeoIP (1)"], ["geoip (1)"], ["GeoIP (1) "]])("does not count %j as GeoIP (quirk kept)", async (name) => {
    const connector = await connectorWith({ discardIp: "true" });
    const out = await connector.processEvent(createEvent({ ip: "1.2.3.4", properties: { $ip: "1.2.3.4", $plugins_succeeded: [name] } }));
    expect(out?.properties?.$ip).toBe("1.2.3.4");
    expect(out?.ip).toBe("1.2.3.4");
  });

  it("only discards the IP for the string \"true\"", async () => {
    const input = createEvent({ ip: "1.2.3.4", properties: { $ip: "1.2.3.4", $plugins_succeeded: ["GeoIP (3)"] } });
    const out = plugin.processEvent(structuredClone(input), { config: {}, logger: { info() {}, warn() {} } } as never);
    expect(out).toEqual(input);
  });

  it("keeps the IP of an event without properties (GeoIP cannot have succeeded)", async () => {
    const connector = await connectorWith(CONFIG_A);
    const input = createEvent({ event: "$identify", ip: "1.2.3.4" });
    delete input.properties;
    expect(await connector.processEvent(structuredClone(input))).toEqual(input);
  });

  it("names events by event name when they have no uuid", async () => {
    const connector = await connectorWith({ discardIp: "false" });
    const input = createEvent({ event: "signup" });
    (input as Partial<PluginEvent>).uuid = "";
    await connector.processEvent(input);
    expect(consoleLogs(connector)[0]).toEqual(["info", "Begin processing signup."]);
  });

  it("does nothing to GeoIP data without a library list", async () => {
    const connector = await connectorWith({ discardIp: "false", discardLibs: "" });
    const input = createEvent({ properties: { $lib: "posthog-python", $geoip_country_code: "DE" } });
    expect(await connector.processEvent(structuredClone(input))).toEqual(input);
  });

  it.each([[{}], [{ discardIp: "yes" }], [{ discardIp: "" }], [{ discardIp: "true", discardLibs: ["a"] }]])("rejects config %j with a clear setup error", async (config) => {
    await expect(connectorWith(config)).rejects.toThrow(/config.discard(Ip|Libs)/);
  });
});
