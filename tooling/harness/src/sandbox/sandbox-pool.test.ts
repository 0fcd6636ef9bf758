import { ConnectorsError } from "@connectors/plugin-api";
import { describe, expect, it } from "vitest";
import { loadConnector } from "../load/load-connector.ts";
import { event, tempConnector } from "../test-support/temp-connector.ts";
import { countInFlight, rejection } from "./sandbox-test-support.ts";
import { SandboxPool } from "./sandbox-pool.ts";

const COUNTING = `
exports.setupPlugin = ({ global, logger }) => { global.seen = 0; logger.info('setup') }
exports.processEvent = (e, { global, config }) => { global.seen++; if (e.properties.fail) throw new Error('failed on ' + e.properties.n); return { ...e, properties: { ...e.properties, by: config.who } } }
exports.teardownPlugin = ({ global, logger }) => logger.info('saw ' + global.seen)
`;

async function pool(size = 2, code = COUNTING) {
  const dir = tempConnector({ "plugin.json": { name: "Pooled", config: [{ key: "who", type: "string", default: "pool" }] }, "index.js": code });
  return SandboxPool.create(await loadConnector(dir, { mode: "sandbox" }), { size });
}

const messages = (count: number) => Array.from({ length: count }, (_, n) => JSON.stringify(event({ properties: { n } })));

describe("SandboxPool", () => {
  it("spreads a batch over its instances and keeps the order", async () => {
    const p = await pool(2);
    const out = await p.processEventMessages(messages(1_000));
    expect(out.map((m) => JSON.parse(m as string).properties)).toEqual(Array.from({ length: 1_000 }, (_, n) => ({ n, by: "pool" })));
    const objects = await p.processEventBatch(Array.from({ length: 300 }, (_, n) => event({ properties: { n } })));
    expect(objects.map((e) => e!.properties!.n)).toEqual(Array.from({ length: 300 }, (_, n) => n));
    await p.teardown();
    const seen = p.connectors.map((c) => Number(c.logs.at(-1)!.message.replace("saw ", "")));
    expect(p.connectors.map((c) => c.logs[0]!.message)).toEqual(["setup", "setup"]);
    expect(seen.reduce((a, b) => a + b)).toBe(1_300);
    expect(seen.every((n) => n > 0)).toBe(true);
  });

  it("gives every instance its work at once, not one after another", async () => {
    const p = await pool(2);
    const inFlight = countInFlight(p);
    expect(await p.processEventMessages(messages(1_000))).toHaveLength(1_000);
    expect(inFlight).toEqual({ mostOnOne: 1, mostOverall: 2 });
    await p.teardown();
  });

  it("rejects with the first hook failure", async () => {
    const p = await pool(2);
    const batch = messages(400);
    batch[250] = JSON.stringify(event({ properties: { n: 250, fail: true } }));
    expect(await rejection(() => p.processEventMessages(batch))).toMatchObject({ message: "failed on 250" });
    expect(await p.processEventMessages(messages(3))).toHaveLength(3);
    await p.teardown();
  });

  it("refuses a size that is not a whole number above zero, and a connector not loaded in sandbox mode", async () => {
    const dir = tempConnector({ "plugin.json": { name: "P" }, "index.js": "exports.processEvent = (e) => e" });
    for (const size of [0, 1.5]) {
      const error = await rejection(() => SandboxPool.create(dir, { size }));
      expect(error).toBeInstanceOf(ConnectorsError);
      expect(error.message).toContain("Fix: pass size: 2");
    }
    const bundled = await loadConnector(dir, { mode: "bundle" });
    expect((await rejection(() => SandboxPool.create(bundled, { size: 1 }))).message).toContain("got bundle");
  });
});
