import { describe, expect, it } from "vitest";
import { createConnector } from "../create-connector.ts";
import { event, tempConnector } from "../test-support/temp-connector.ts";
import { PluginChain } from "./plugin-chain.ts";

const connector = (name: string, code: string) => createConnector(tempConnector({ "plugin.json": { name }, "index.js": code }), { load: { mode: "bundle" } });

describe("PluginChain", () => {
  it("runs processEvent by order, records successes and failures, and goes on after a throw", async () => {
    const a = await connector("A", "exports.processEvent = (e) => { e.properties.trail = [...(e.properties.trail ?? []), 'a']; return e }");
    const boom = await connector("Boom", "exports.processEvent = (e) => { e.properties.touched = true; throw new Error('boom') }");
    const b = await connector("B", "module.exports = { processEventBatch: (events) => events.map((e) => { e.properties.trail.push('b'); return e }) }");
    const chain = new PluginChain([{ connector: b, order: 3, pluginConfigId: 30 }, { connector: boom, order: 2, pluginConfigId: 20 }, { connector: a, order: 1, pluginConfigId: 10 }]);
    const result = await chain.processEvent(event());
    expect(result.event?.properties).toMatchObject({ trail: ["a", "b"], touched: true, $plugins_succeeded: ["A (10)", "B (30)"], $plugins_failed: ["Boom (20)"] });
    expect(result.errors).toEqual([{ plugin: "Boom (20)", message: expect.stringMatching(/boom/) }]);
  });

  it("stops at the connector that drops the event", async () => {
    const drop = await connector("Drop", "exports.processEvent = () => null");
    const never = await connector("Never", "exports.processEvent = (e) => { throw new Error('should not run') }");
    const result = await new PluginChain([drop, never]).processEvent(event());
    expect(result).toMatchObject({ event: null, droppedBy: "Drop (1)", failed: [] });
  });

  it("runs onEvent of every member in parallel and returns failures", async () => {
    const ok = await connector("Ok", "exports.onEvent = async (e) => { console.log('seen', e.event) }");
    const bad = await connector("Bad", "exports.onEvent = async () => { throw new Error('nope') }");
    const chain = new PluginChain([ok, bad]);
    expect(await chain.onEvent(event({ event: "signup" }))).toEqual([{ plugin: "Bad (2)", message: expect.stringMatching(/nope/) }]);
    expect(ok.logs.map((l) => l.message)).toEqual(["seen signup"]);
    await chain.teardown();
  });
});
