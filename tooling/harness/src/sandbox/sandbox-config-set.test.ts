import { describe, expect, it } from "vitest";
import { PluginLoadError } from "../errors.ts";
import { loadConnector } from "../load/load-connector.ts";
import { event, tempConnector } from "../test-support/temp-connector.ts";
import { SandboxConfigSet } from "./sandbox-config-set.ts";

const COUNTING = `
let setups = 0;
exports.setupPlugin = ({ global }) => { global.setupAt = ++setups; };
exports.teardownPlugin = async ({ storage }) => { await storage.set('teardowns', ((await storage.get('teardowns', 0)) || 0) + 1); };
exports.processEvent = async (e, { global, cache, config }) => {
  const seen = await cache.incr('seen');
  return { ...e, properties: { ...e.properties, greeting: config.greeting, setupAt: global.setupAt, seen } };
};`;

async function loaded(code: string) {
  return loadConnector(tempConnector({ "plugin.json": { name: "Test", config: [{ key: "greeting", type: "string" }] }, "index.js": code }), { mode: "sandbox", sandbox: { cpuTimeoutMs: 30_000, memoryLimitMb: 32 } });
}

describe("SandboxConfigSet (many configs per process)", () => {
  it("creates a config's isolate before its first event, and keeps configs apart", async () => {
    let now = 0;
    const configs = new SandboxConfigSet({ idleMs: 1_000, now: () => now });
    const connector = await loaded(COUNTING);
    await configs.add("a", connector, { config: { greeting: "hi" } });
    await configs.add("b", connector, { config: { greeting: "hey" } });
    await configs.add("c", connector, { config: { greeting: "yo" } });
    expect(configs.stats).toEqual({ configs: 3, live: 1 }); // the first instance of a connector learns its capabilities
    const out = await configs.processEvent("b", event());
    expect(out!.properties).toMatchObject({ greeting: "hey", setupAt: 1, seen: 1 });
    expect(configs.stats.live).toBe(2);
    await configs.close();
  });

  it("unloads idle configs like a PostHog reload: teardownPlugin runs, cache and storage survive, global starts over", async () => {
    let now = 0;
    const configs = new SandboxConfigSet({ idleMs: 1_000, now: () => now });
    await configs.add("a", await loaded(COUNTING), { config: { greeting: "hi" } });
    expect((await configs.processEvent("a", event()))!.properties).toMatchObject({ seen: 1, setupAt: 1 });
    now = 500;
    expect(await configs.evictIdle()).toBe(0);
    now = 2_000;
    expect(await configs.evictIdle()).toBe(1);
    expect(configs.stats.live).toBe(0);
    const again = await configs.processEvent("a", event());
    // A new isolate: module state and global are new (setupAt counts from 1 again), the cache kept counting.
    expect(again!.properties).toMatchObject({ seen: 2, setupAt: 1 });
    expect(await (await configs.connector("a")).meta.storage.get("teardowns", 0)).toBe(1);
    await configs.close();
  });

  it("keeps connectors with scheduled tasks live (PostHog sets them up eagerly)", async () => {
    let now = 0;
    const configs = new SandboxConfigSet({ idleMs: 10, now: () => now });
    const scheduled = await loaded("exports.runEveryMinute = async () => {}; exports.processEvent = (e) => e;");
    await configs.add("a", scheduled);
    await configs.add("b", scheduled);
    now = 1_000;
    expect(await configs.evictIdle()).toBe(0);
    expect(configs.stats).toEqual({ configs: 2, live: 2 });
    await configs.close();
    expect(configs.stats).toEqual({ configs: 0, live: 0 });
  });

  it("names the config and the fix for a duplicate, an unknown id or a non-sandbox load", async () => {
    const configs = new SandboxConfigSet();
    const connector = await loaded(COUNTING);
    await configs.add("a", connector);
    await expect(configs.add("a", connector)).rejects.toThrow(/Config "a" is already installed/);
    await expect(configs.processEvent("nope", event())).rejects.toBeInstanceOf(PluginLoadError);
    const bundled = await loadConnector(tempConnector({ "plugin.json": { name: "T" }, "index.js": "exports.processEvent = (e) => e" }), { mode: "bundle" });
    await expect(configs.add("b", bundled)).rejects.toThrow(/load it with \{ mode: "sandbox" \}/);
    await configs.close();
  });
});
