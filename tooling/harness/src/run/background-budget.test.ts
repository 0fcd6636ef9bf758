import { describe, expect, it } from "vitest";
import { VirtualClock } from "../clock.ts";
import { createConnector } from "../create-connector.ts";
import { BackgroundBudgetError } from "../errors.ts";
import { loadConnector, type LoadMode } from "../load/load-connector.ts";
import { event, tempConnector } from "../test-support/temp-connector.ts";
import { BackgroundBudget } from "./background-budget.ts";

const BURN = "const burn = () => { let x = 0; for (let i = 0; i < 2e6; i++) x += i % 7; return x };";

function budget(clock: VirtualClock, refusals: BackgroundBudgetError[] = []) {
  return new BackgroundBudget({ plugin: "p", cpuMs: 100, windowMs: 60_000, clock, onRefused: (error) => refusals.push(error) });
}

describe("BackgroundBudget", () => {
  it("charges one rolling window and admits again once old charges leave it", async () => {
    const clock = new VirtualClock(0);
    const refusals: BackgroundBudgetError[] = [];
    const background = budget(clock, refusals);
    background.charge(60);
    await clock.advance(30_000);
    background.charge(40);
    expect(background.remainingMs()).toBe(0);
    expect(background.admit("createBuffer flush")).toBe(false);
    expect(refusals[0]!.message).toMatch(/^Connector "p": createBuffer flush was refused: the background CPU budget of 100 ms per 60000 ms is spent .*CONNECTORS_BACKGROUND_CPU_MS/);
    await clock.advance(30_000);
    expect(background.remainingMs()).toBe(60);
    expect(background.admit("createBuffer flush")).toBe(true);
  });

  it("runs work with the CPU its meter saw charged, and refuses work once spent", async () => {
    const clock = new VirtualClock(0);
    const background = budget(clock);
    let cpu = 0;
    expect(await background.run("job a", () => cpu, async () => ((cpu += 150), "done"))).toBe("done");
    await expect(background.run("job b", () => cpu, async () => "never")).rejects.toBeInstanceOf(BackgroundBudgetError);
    expect(background.refused).toBe(1);
  });
});

async function connectorIn(mode: LoadMode, code: string, clock: VirtualClock) {
  const dir = tempConnector({ "plugin.json": { name: "Background" }, "index.js": code });
  const loaded = await loadConnector(dir, { mode, sandbox: { cpuTimeoutMs: 120_000, memoryLimitMb: 64 } });
  return createConnector(loaded, { clock, timeoutMs: 120_000, bufferLimits: { backgroundCpuMs: 100, backgroundWindowMs: 3_600_000 } });
}

describe.each<LoadMode>(["bundle", "sandbox"])("a job that re-enqueues itself forever (%s mode)", (mode) => {
  it("is refused once the background budget is spent, with an error naming it, and hooks keep working", async () => {
    const code = `${BURN}
      let runs = 0;
      exports.jobs = { spin: async (payload, { jobs }) => { runs++; burn(); await jobs.spin({}).runNow() } };
      exports.processEvent = async (e, { jobs }) => { if (e.properties.start) await jobs.spin({}).runNow(); return { ...e, properties: { runs } } };`;
    const connector = await connectorIn(mode, code, new VirtualClock(0));
    await connector.processEvent(event({ properties: { start: true } }));
    const refusal = connector.errors.find((error) => error.message.includes("background CPU budget"));
    expect(refusal).toMatchObject({ hook: "job spin" });
    expect(refusal!.message).toMatch(/job spin was (refused|stopped): the background CPU budget of 100 ms per 3600000 ms is spent/);
    const after = await connector.processEvent(event());
    expect(after?.properties?.runs).toBeGreaterThan(0);
    // Whether the budget runs out inside a burn (the job is stopped) as well as at the next runNow (refused)
    // depends on where the CPU lands on a busy machine; either way every refusal is reported, once.
    expect(connector.background.refused).toBeGreaterThanOrEqual(1);
    expect(connector.errors.filter((error) => error.message.includes("background CPU budget"))).toHaveLength(connector.background.refused);
  });
});

describe("a sandboxed job that never ends", () => {
  it("is stopped when the background budget runs out (not at the per-call limit), and so is the next", async () => {
    const code = `
      exports.jobs = { spin: async () => { for (;;) {} } };
      exports.processEvent = async (e, { jobs }) => { if (e.properties.start) { await jobs.spin({}).runNow(); await jobs.spin({}).runNow() } return e };`;
    const connector = await connectorIn("sandbox", code, new VirtualClock(0));
    await connector.processEvent(event({ properties: { start: true } }));
    expect(connector.errors.map((error) => error.hook)).toEqual(["job spin", "job spin"]);
    expect(connector.errors[0]!.message).toContain("job spin was stopped: the background CPU budget of 100 ms");
    expect(connector.errors[1]!.message).toMatch(/job spin was (stopped|refused): the background CPU budget of 100 ms/);
    expect(await connector.processEvent(event())).toMatchObject({ event: "$pageview" });
  });
});

describe("a createBuffer that re-arms itself on every flush (sandbox)", () => {
  it("stops flushing once the background budget is spent, logs why, and hooks keep working", async () => {
    const code = `${BURN}
      const { createBuffer } = require('@posthog/plugin-contrib');
      let flushes = 0;
      const buffer = createBuffer({ limit: 1000, timeoutSeconds: 1, onFlush: async () => { flushes++; burn(); buffer.add(1) } });
      exports.onEvent = async () => { buffer.add(1) };
      exports.processEvent = (e) => ({ ...e, properties: { flushes } });`;
    const clock = new VirtualClock(0);
    const connector = await connectorIn("sandbox", code, clock);
    await connector.onEvent(event());
    const tick = async () => {
      await clock.advance(1000);
      await new Promise((resolve) => setImmediate(resolve));
    };
    // Each flush burns CPU and re-arms the buffer; only the budget ends the chain.
    for (let i = 0; i < 3000 && connector.background.refused === 0; i++) await tick();
    // The tick that spends the budget may stop one flush and refuse the next one it re-armed; either way
    // every refusal is logged, once.
    expect(connector.background.refused).toBeGreaterThanOrEqual(1);
    expect(connector.logs.filter((line) => line.message.includes("background CPU budget"))).toHaveLength(connector.background.refused);
    expect(connector.logs.at(-1)).toMatchObject({ level: "error", source: "system" });
    expect(connector.logs.at(-1)!.message).toMatch(/createBuffer flush was (refused|stopped): the background CPU budget of 100 ms/);
    const flushes = (await connector.processEvent(event()))?.properties?.flushes;
    expect(flushes).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) await tick();
    expect((await connector.processEvent(event()))?.properties?.flushes).toBe(flushes);
  });
});
