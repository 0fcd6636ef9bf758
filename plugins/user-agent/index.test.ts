import { createEvent, createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import * as plugin from "./index.ts";
import { detectDevice, detectDeviceType } from "./lib/detect-device.ts";

const dir = import.meta.dirname;
const OFF = { overrideUserAgentDetails: "false", enableSegmentAnalyticsJs: "false" };
const WINDOWS_CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const ANDROID_CHROME = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";
const IPAD = "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1";
const MAC_FIREFOX = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:82.0) Gecko/20100101 Firefox/82.0";

async function run(properties: Record<string, unknown> | undefined, config: Record<string, unknown> = OFF) {
  const connector = await createTestConnector(dir, { module: plugin, config });
  const event = createEvent({ event: "e", properties: properties ?? {} });
  if (!properties) delete event.properties;
  const out = (await connector.processEvent(event)) as PluginEvent;
  const warnings = connector.logs.filter((l) => l.source === "console").map((l) => `${l.level}: ${l.message}`);
  return { out, properties: out.properties, warnings };
}

const details = (browser: string, version: string | null, os: string | null, device: string, deviceType: string, browserType: string) => ({
  $browser: browser,
  $browser_version: version,
  $os: os,
  $device: device,
  $device_type: deviceType,
  $browser_type: browserType,
});

describe("detectDevice", () => {
  it.each([
    ["Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1)", "Windows Phone", "Mobile"],
    ["Mozilla/5.0 (Windows NT 10.0; ARM; Lumia 950) WPDesktop", "Windows Phone", "Mobile"],
    [IPAD, "iPad", "Tablet"],
    ["Mozilla/5.0 (iPod touch; CPU iPhone OS 12_0 like Mac OS X)", "iPod Touch", "Mobile"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)", "iPhone", "Mobile"],
    ["Mozilla/5.0 (BB10; Touch) AppleWebKit/537.35+", "BlackBerry", "Mobile"],
    ["Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 Chrome/120.0 Safari/537.36", "Android Tablet", "Tablet"],
    [ANDROID_CHROME, "Android", "Mobile"],
    [WINDOWS_CHROME, "", "Desktop"],
  ])("%s -> %s (%s)", (ua, device, type) => {
    expect(detectDevice(ua)).toBe(device);
    expect(detectDeviceType(device)).toBe(type);
  });
});

describe("user-agent", () => {
  it("fills the details from $useragent and removes it (example 1)", async () => {
    const { properties } = await run({ $useragent: WINDOWS_CHROME, x: 1 });
    expect(properties).toEqual({ x: 1, ...details("chrome", "120.0.0", "Windows 10", "", "Desktop", "browser") });
  });

  it("reads $user_agent (example 2) and $user-agent", async () => {
    expect((await run({ $user_agent: ANDROID_CHROME })).properties).toEqual(details("chrome", "120.0.0", "Android OS", "Android", "Mobile", "browser"));
    expect((await run({ "$user-agent": IPAD })).properties).toEqual(details("ios", "16.6.0", "iOS", "iPad", "Tablet", "browser"));
  });

  it("parses an iPad (example 3)", async () => {
    expect((await run({ $useragent: IPAD })).properties).toEqual(details("ios", "16.6.0", "iOS", "iPad", "Tablet", "browser"));
  });

  it("recognises curl and Googlebot (example 4)", async () => {
    expect((await run({ $useragent: "curl/7.64.1" })).properties).toEqual(details("curl", "7.64.1", null, "", "Desktop", "bot-device"));
    expect((await run({ $useragent: "Googlebot/2.1 (+http://www.google.com/bot.html)" })).properties).toEqual(details("bot", null, null, "", "Desktop", "bot"));
  });

  it("uses the first truthy key in the order $useragent, $user-agent, $user_agent and removes all three", async () => {
    const { properties } = await run({ $useragent: "", "$user-agent": MAC_FIREFOX, $user_agent: WINDOWS_CHROME });
    expect(properties).toEqual(details("firefox", "82.0.0", "Mac OS", "", "Desktop", "browser"));
  });

  it("keeps existing details without override, still removing the user agent (example 5)", async () => {
    const { properties, warnings } = await run({ $browser: "x", $useragent: WINDOWS_CHROME });
    expect(properties).toEqual({ $browser: "x" });
    expect(warnings).toEqual([
      "warn: UserAgentPlugin.processEvent(): The event has $browser, $browser_version, $os, $device, or $device_type but the option 'overrideUserAgentDetails' is not enabled.",
    ]);
  });

  it("treats any present detail key, even null, as existing", async () => {
    expect((await run({ $device_type: null, $useragent: WINDOWS_CHROME })).properties).toEqual({ $device_type: null });
  });

  it("overrides existing details only with the exact text true", async () => {
    const on = await run({ $browser: "x", $os: "y", $useragent: WINDOWS_CHROME }, { ...OFF, overrideUserAgentDetails: "true" });
    expect(on.properties).toEqual(details("chrome", "120.0.0", "Windows 10", "", "Desktop", "browser"));
    const yes = await run({ $browser: "x", $useragent: WINDOWS_CHROME }, { ...OFF, overrideUserAgentDetails: "yes" });
    expect(yes.properties).toEqual({ $browser: "x" });
  });

  it("reads segment_userAgent in Segment mode and keeps both keys (example 6)", async () => {
    const { properties } = await run({ $useragent: WINDOWS_CHROME, segment_userAgent: MAC_FIREFOX }, { ...OFF, enableSegmentAnalyticsJs: "true" });
    expect(properties).toEqual({ $useragent: WINDOWS_CHROME, segment_userAgent: MAC_FIREFOX, ...details("firefox", "82.0.0", "Mac OS", "", "Desktop", "browser") });
  });

  it("warns in Segment mode when segment_userAgent is missing", async () => {
    const { properties, warnings } = await run({ $useragent: WINDOWS_CHROME }, { ...OFF, enableSegmentAnalyticsJs: "true" });
    expect(properties).toEqual({ $useragent: WINDOWS_CHROME });
    expect(warnings).toEqual(["warn: UserAgentPlugin.processEvent(): Event is missing segment_userAgent"]);
  });

  it("reads a null segment_userAgent as the text null, which is not recognised", async () => {
    const { properties, warnings } = await run({ segment_userAgent: null }, { ...OFF, enableSegmentAnalyticsJs: "true" });
    expect(properties).toEqual({ segment_userAgent: null });
    expect(warnings).toHaveLength(1);
  });

  it("removes an empty user agent and warns (example 7)", async () => {
    const { properties, warnings } = await run({ $useragent: "", y: 2 });
    expect(properties).toEqual({ y: 2 });
    expect(warnings).toEqual(["warn: UserAgentPlugin.processEvent(): $useragent is empty"]);
  });

  it("warns and leaves events without a user agent alone", async () => {
    const { properties, warnings } = await run({ total: 30 });
    expect(properties).toEqual({ total: 30 });
    expect(warnings).toEqual(["warn: UserAgentPlugin.processEvent(): Event is missing $useragent or $user-agent"]);
  });

  it("returns an event without properties unchanged (fixed: the original threw)", async () => {
    const { out, warnings } = await run(undefined);
    expect(out.properties).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it("warns on an unrecognised user agent instead of throwing (fixed)", async () => {
    const { properties, warnings } = await run({ $useragent: "foo", z: 3 });
    expect(properties).toEqual({ z: 3 });
    expect(warnings).toEqual(["warn: UserAgentPlugin.processEvent(): the user agent was not recognised, no browser details added"]);
  });

  it("gives the same answer bundled (detect-browser is bundled with the connector)", async () => {
    const connector = await createTestConnector(dir, { mode: "bundle", config: OFF });
    const out = await connector.processEvent(createEvent({ properties: { $useragent: WINDOWS_CHROME } }));
    expect(out?.properties).toEqual(details("chrome", "120.0.0", "Windows 10", "", "Desktop", "browser"));
  });

  it("rejects an unknown enableSegmentAnalyticsJs value and unknown keys", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { enableSegmentAnalyticsJs: "yes" } })).rejects.toThrow(/enableSegmentAnalyticsJs/);
    await expect(createTestConnector(dir, { module: plugin, config: { override: "true" } })).rejects.toThrow(/override/);
  });
});
