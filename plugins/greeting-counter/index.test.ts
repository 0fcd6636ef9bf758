import { createEvent, createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import pageview from "./fixtures/pageview-without-properties.json" with { type: "json" };
import signedUp from "./fixtures/signed-up.json" with { type: "json" };
import * as plugin from "./index.ts";

const dir = import.meta.dirname;

describe("greeting-counter", () => {
  it("runs the spec's examples 1-3 in order on one cache", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { greeting: "Hi!" } });
    const first = await connector.processEvent(structuredClone(signedUp));
    expect(first).toEqual({ ...signedUp, properties: { plan: "pro", greeting: "Hi!", greeting_counter: 0, random_number: 4 } });

    const second = await connector.processEvent(structuredClone(pageview) as PluginEvent);
    expect(second).toEqual({ ...pageview, properties: { greeting: "Hi!", greeting_counter: 1, random_number: 4 } });

    const third = await connector.processEvent(createEvent({ event: "x", properties: { greeting: "old", random_number: 99 } }));
    expect(third?.properties).toEqual({ greeting: "Hi!", random_number: 4, greeting_counter: 2 });
    expect(await connector.meta.cache.get("greeting_counter", 0)).toBe(3);
  });

  it("writes an undefined greeting for an empty config (example 4; the harness would fill the default)", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { greeting: "Hi!" } });
    for (let i = 0; i < 3; i++) await connector.processEvent(createEvent());
    const out = await plugin.processEvent(createEvent({ event: "x", properties: {} }), { ...connector.meta, config: {} });
    expect(out.properties).toEqual({ greeting: undefined, greeting_counter: 3, random_number: 4 });
    expect(JSON.parse(JSON.stringify(out.properties))).toEqual({ greeting_counter: 3, random_number: 4 });
  });

  it("uses the plugin.json default greeting when the config leaves it out", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: {} });
    expect((await connector.processEvent(createEvent()))?.properties?.greeting).toBe("Hello world!");
  });

  it("returns the same event object and touches nothing else", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { greeting: "Hi!" } });
    const event = createEvent({ $set: { email: "a@b.c" } });
    const before = structuredClone(event);
    const out = await connector.processEvent(event);
    expect(out).toBe(event);
    expect({ ...out, properties: before.properties }).toEqual(before);
  });

  it("shares one counter between configs of the plugin in one project", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { greeting: "Hi!" } });
    await connector.processEvent(createEvent());
    const other = await plugin.processEvent(createEvent(), { ...connector.meta, config: { greeting: "Yo" } });
    expect(other.properties).toMatchObject({ greeting: "Yo", greeting_counter: 1 });
  });

  it("starts each test from a fresh cache", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { greeting: "Hi!" } });
    expect((await connector.processEvent(createEvent()))?.properties?.greeting_counter).toBe(0);
  });

  it("gives concurrent events distinct counter values (atomic increment)", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { greeting: "Hi!" } });
    await connector.setup();
    const outs = await Promise.all([1, 2, 3, 4].map(() => connector.processEvent(createEvent())));
    expect(outs.map((e) => e?.properties?.greeting_counter).sort()).toEqual([0, 1, 2, 3]);
  });

  it("logs the greeting once at setup", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { greeting: "Hi!" } });
    await connector.processEvent(createEvent());
    await connector.processEvent(createEvent());
    expect(connector.logs.filter((l) => l.source === "console").map((l) => [l.level, l.message])).toEqual([["log", "Hi!"]]);
  });

  it("surfaces a failing cache as a failed hook", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { greeting: "Hi!" } });
    connector.meta.cache.incr = async () => {
      throw new Error("cache down");
    };
    await expect(connector.processEvent(createEvent())).rejects.toThrow(/cache down/);
  });

  it("rejects a config value of the wrong type", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { greeting: 42 } })).rejects.toThrow(/config.greeting must be a string/);
  });
});
