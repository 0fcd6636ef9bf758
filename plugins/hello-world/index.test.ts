import { createEvent, createIdentify, createTestConnector } from "@connectors/testkit";
import { describe, expect, it } from "vitest";
import pageview from "./fixtures/pageview.json" with { type: "json" };
import * as plugin from "./index.ts";

const dir = import.meta.dirname;

describe("hello-world", () => {
  it("greets the configured name", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { name: "Alice" } });
    const out = await connector.processEvent(structuredClone(pageview));
    expect(out?.properties).toEqual({ ...pageview.properties, hello: "Hello Alice" });
  });

  it.each([[{}], [{ name: "" }]])("greets the world without a name (config %j)", async (config) => {
    const connector = await createTestConnector(dir, { module: plugin, config });
    const out = await connector.processEvent(createEvent({ properties: { plan: "pro" } }));
    expect(out?.properties).toEqual({ plan: "pro", hello: "Hello world" });
  });

  it("leaves an event without properties alone and never drops it", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { name: "Alice" } });
    const identify = createIdentify();
    delete identify.properties;
    expect(await connector.processEvent(structuredClone(identify))).toEqual(identify);
  });

  it("rejects a config value of the wrong type", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { name: 42 } })).rejects.toThrow(/config.name must be a string/);
  });
});
