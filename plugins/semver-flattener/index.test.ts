import { createEvent, createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import appOpened from "./fixtures/app-opened.json" with { type: "json" };
import * as plugin from "./index.ts";
import { splitVersion } from "./lib/split-version.ts";

const dir = import.meta.dirname;

async function run(properties: string, eventProperties: Record<string, unknown>): Promise<PluginEvent["properties"]> {
  const connector = await createTestConnector(dir, { module: plugin, config: { properties } });
  return (await connector.processEvent(createEvent({ event: "e", properties: eventProperties })))?.properties;
}

describe("semver-flattener", () => {
  it("splits a plain version into numbers (example 1)", async () => {
    expect(await run("app_version", { app_version: "22.7.11" })).toEqual({ app_version: "22.7.11", app_version__major: 22, app_version__minor: 7, app_version__patch: 11 });
  });

  it("handles several trimmed targets, pre-release and build, and leaves other properties (example 2)", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { properties: "app_version, lib_version" } });
    const out = await connector.processEvent(structuredClone(appOpened));
    expect(out).toEqual({
      ...appOpened,
      properties: {
        ...appOpened.properties,
        app_version__major: 2,
        app_version__minor: 0,
        app_version__patch: 0,
        app_version__preRelease: "rc.1",
        app_version__build: "sha.abc",
        lib_version__major: 3,
        lib_version__minor: 1,
      },
    });
    expect(out).not.toHaveProperty("properties.other__major");
  });

  it("keeps Number() semantics: v1.2.3 gives a NaN major (null in JSON) (example 3)", async () => {
    const out = await run("v", { v: "v1.2.3" });
    expect(out).toEqual({ v: "v1.2.3", v__major: NaN, v__minor: 2, v__patch: 3 });
    expect(JSON.parse(JSON.stringify(out)).v__major).toBeNull();
  });

  it.each([
    ["3.4.5-beta+42", { major: 3, minor: 4, patch: 5, preRelease: "beta", build: "42" }],
    ["10.2", { major: 10, minor: 2 }],
    ["2.0.0-rc.1", { major: 2, minor: 0, patch: 0, preRelease: "rc.1" }],
    ["1.0.0-x-y", { major: 1, minor: 0, patch: 0, preRelease: "x-y" }],
    ["4.0.0+a+b", { major: 4, minor: 0, patch: 0, build: "a" }],
    ["07.1.", { major: 7, minor: 1 }],
    ["5", { major: 5, minor: NaN }],
    [".1.2", { major: 0, minor: 1, patch: 2 }],
    ["1.2.3+", { major: 1, minor: 2, patch: 3 }],
    ["1.2.3.4", { major: 1, minor: 2, patch: 3 }],
  ])("splits %s", (version, expected) => {
    expect(splitVersion(version)).toEqual(expected);
  });

  it("writes the exact __preRelease casing and only present parts", async () => {
    expect(await run("v", { v: "1.2-alpha" })).toEqual({ v: "1.2-alpha", v__major: 1, v__minor: 2, v__preRelease: "alpha" });
  });

  it.each([
    ["missing", {}],
    ["empty", { app_version: "" }],
    ["null", { app_version: null }],
    ["an object (skipped, fixed)", { app_version: { major: 1 } }],
    ["a boolean (skipped, fixed)", { app_version: true }],
  ])("adds nothing when the target is %s (example 4)", async (_what, properties) => {
    expect(await run("app_version", properties)).toEqual(properties);
  });

  it("converts a number with String() instead of throwing (example 6, fixed)", async () => {
    expect(await run("app_version", { app_version: 22.7 })).toEqual({ app_version: 22.7, app_version__major: 22, app_version__minor: 7 });
  });

  it("returns an event without properties unchanged instead of dropping it (example 5, fixed)", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { properties: "app_version" } });
    const event = createEvent({ event: "$identify" });
    delete event.properties;
    expect(await connector.processEvent(structuredClone(event))).toEqual(event);
  });

  it("logs each flattened target at debug level", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { properties: "app_version" } });
    await connector.processEvent(createEvent({ properties: { app_version: "1.2.3" } }));
    expect(connector.logs.filter((l) => l.source === "console").map((l) => [l.level, l.message])).toEqual([["debug", "found candidate property: app_version matches 1.2.3"]]);
  });

  it("treats a missing properties config as no targets (called directly; the harness rejects that config)", () => {
    const event = createEvent({ properties: { app_version: "1.2.3" } });
    const copy = structuredClone(event);
    expect(plugin.processEvent(event, { config: {}, logger: console } as never)).toEqual(copy);
  });

  it.each([[{}], [{ properties: "" }], [{ properties: ["app_version"] }]])("rejects config %j with a clear setup error", async (config) => {
    await expect(createTestConnector(dir, { module: plugin, config })).rejects.toThrow(/config.properties/);
  });
});
