import { isRetryError } from "@connectors/plugin-api";
import { describe, expect, it } from "vitest";
import { HookFailedError, PluginDisabledError, SandboxLimitError } from "../errors.ts";
import { event } from "../test-support/temp-connector.ts";
import { getConnectorSandbox } from "./load-sandboxed.ts";
import { rejection, sandboxedConnector } from "./sandbox-test-support.ts";

// A short budget, for the tests about stopping runaway code: a hook that waits on nothing is stopped by
// it deterministically. (The support's default is the harness's generous one.)
const RUNAWAY_BUDGET_MS = 300;
const RUNAWAY = { sandbox: { cpuTimeoutMs: RUNAWAY_BUDGET_MS } };
// Short, but room for the host operations a hook awaits before it runs away: they count against the
// budget, and one that outlasted it would end the hook with a HookTimeoutError instead.
const AWAITS_THEN_RUNS_AWAY = { sandbox: { cpuTimeoutMs: 2000 } };

describe("sandbox CPU limit", () => {
  it("stops while(true){} in a hook, names connector, hook and limit, and the next call works", async () => {
    const connector = await sandboxedConnector("exports.processEvent = (e) => { if (e.properties.loop) while (true) {} return { ...e, ok: true } }", {}, RUNAWAY);
    const error = await rejection(() => connector.processEvent(event({ properties: { loop: true } })));
    expect(error).toBeInstanceOf(SandboxLimitError);
    expect(error).toMatchObject({ limit: "cpu", value: RUNAWAY_BUDGET_MS, hook: "processEvent", plugin: connector.slug, code: "SANDBOX_LIMIT" });
    expect(error.message).toContain(`Connector "${connector.slug}" hook processEvent`);
    expect(error.message).toContain(`CPU time limit of ${RUNAWAY_BUDGET_MS} ms`);
    expect(await connector.processEvent(event())).toMatchObject({ ok: true });
  });

  it("stops a loop inside a promise chain", async () => {
    const connector = await sandboxedConnector("exports.processEvent = (e) => e.properties.loop ? Promise.resolve(1).then(() => { for (;;) {} }) : e", {}, RUNAWAY);
    expect(await rejection(() => connector.processEvent(event({ properties: { loop: true } })))).toMatchObject({ limit: "cpu" });
    expect(await connector.processEvent(event())).toMatchObject({ event: "$pageview" });
  });

  it("stops a loop that starts after awaiting a host call", async () => {
    const connector = await sandboxedConnector("exports.onEvent = async (e, { cache }) => { await cache.set('k', 1); await cache.get('k', null); while (true) {} }", {}, AWAITS_THEN_RUNS_AWAY);
    const error = await rejection(() => connector.onEvent(event()));
    expect(error).toBeInstanceOf(SandboxLimitError);
    expect(error).toMatchObject({ limit: "cpu", hook: "onEvent" });
  });

  it("takes its budget from the connector's timeoutMs when no sandbox limit is given", async () => {
    const connector = await sandboxedConnector("exports.processEvent = () => { for (;;) {} }", { timeoutMs: 150 });
    expect(await rejection(() => connector.processEvent(event()))).toMatchObject({ limit: "cpu", value: 150 });
  });

  it("keeps concurrent async calls apart while host operations interleave", async () => {
    const connector = await sandboxedConnector("exports.processEvent = async (e, { cache }) => { await cache.set(e.uuid, e.properties.n); for (let i = 0; i < e.properties.n; i++) await cache.incr('c'); return { ...e, back: await cache.get(e.uuid, null) } }");
    const out = await Promise.all([5, 1, 3, 2, 4].map((n) => connector.processEvent(event({ uuid: `u${n}`, properties: { n } }))));
    expect(out.map((e: any) => e.back)).toEqual([5, 1, 3, 2, 4]);
    expect(await connector.meta.cache.get("c", null)).toBe(15);
  });

  it("stops runaway top-level code at load time", async () => {
    const error = await rejection(() => sandboxedConnector("while (true) {}\nexports.processEvent = (e) => e", {}, RUNAWAY));
    expect(error.name).toBe("PluginLoadError");
    expect(error.message).toContain("CPU time limit");
  });
});

describe("sandbox memory limit", () => {
  it("disposes the isolate when a hook allocates until out of memory, then disables the connector", async () => {
    const connector = await sandboxedConnector("exports.processEvent = (e) => { if (!e.properties.grow) return e; const a = []; for (;;) a.push(new Array(1e5).fill(Math.random())) }");
    expect(await connector.processEvent(event())).toMatchObject({ event: "$pageview" });
    const error = await rejection(() => connector.processEvent(event({ properties: { grow: true } })));
    expect(error).toBeInstanceOf(SandboxLimitError);
    expect(error).toMatchObject({ limit: "memory", value: 32, hook: "processEvent" });
    expect(error.message).toContain("memory limit of 32 MiB");
    expect(getConnectorSandbox(connector.plugin)!.disposed).toBe(true);
    const later = await rejection(() => connector.processEvent(event()));
    expect(later).toBeInstanceOf(PluginDisabledError);
    expect(later.message).toContain("ran out of memory in processEvent");
  });

  it("caps the heap at 384 MiB by default, and at what a connector is given", async () => {
    const heapLimit = async (memoryLimitMb: number | undefined) => {
      const connector = await sandboxedConnector("exports.processEvent = (e) => e", {}, { sandbox: { memoryLimitMb } });
      return getConnectorSandbox(connector.plugin)!.stats().heapLimitBytes / 2 ** 20;
    };
    // V8's limit is the old generation plus the young one isolated-vm sizes from it (8 MiB at 384).
    expect(await heapLimit(undefined)).toBeGreaterThanOrEqual(384);
    expect(await heapLimit(undefined)).toBeLessThan(448);
    expect(await heapLimit(64)).toBeLessThan(96);
  });

  it("refuses ArrayBuffer allocations past the limit (the connector gets a RangeError it can catch)", async () => {
    const connector = await sandboxedConnector("exports.processEvent = (e) => { if (!e.properties.grow) return e; const a = []; for (;;) a.push(new Uint8Array(4e6)) }");
    const error = await rejection(() => connector.processEvent(event({ properties: { grow: true } })));
    expect(error.message).toMatch(/Array buffer allocation failed|memory limit/);
    expect(process.memoryUsage().arrayBuffers).toBeLessThan(512 * 1024 * 1024);
  });
});

describe("sandbox results and throws", () => {
  it("refuses a non-serialisable return value with a clear error", async () => {
    const connector = await sandboxedConnector("exports.processEvent = (e) => ({ ...e, callback() {} })");
    const error = await rejection(() => connector.processEvent(event()));
    expect(error).toBeInstanceOf(HookFailedError);
    expect(error.message).toContain("returned a value that cannot leave the sandbox");
  });

  it("stops a returned object whose getter loops while it is copied out", async () => {
    const connector = await sandboxedConnector("exports.processEvent = (e) => e.properties.loop ? Object.defineProperty({ ...e }, 'trap', { enumerable: true, get() { for (;;) {} } }) : e", {}, RUNAWAY);
    expect(await rejection(() => connector.processEvent(event({ properties: { loop: true } })))).toMatchObject({ limit: "cpu" });
    expect(await connector.processEvent(event())).toMatchObject({ event: "$pageview" });
  });

  it("refuses a Proxy as the return value", async () => {
    const connector = await sandboxedConnector("exports.processEvent = (e) => new Proxy(e, {})");
    expect((await rejection(() => connector.processEvent(event()))).message).toContain("cannot leave the sandbox");
  });

  it.each([
    ["a string", "throw 'boom'"],
    ["a number", "throw 42"],
    ["a plain object", "throw { code: 42 }"],
    ["null", "throw null"],
    ["undefined", "throw undefined"],
    ["an Error subclass", "class MyError extends Error { constructor(m) { super(m); this.name = 'MyError' } }; throw new MyError('bad')"],
  ])("reports %s thrown by a hook exactly as bundle mode does", async (_what, body) => {
    const messages = [];
    for (const mode of ["bundle", "sandbox"] as const) {
      const connector = await sandboxedConnector(`exports.processEvent = (e) => { ${body} }`, {}, { mode });
      const error = await rejection(() => connector.processEvent(event()));
      expect(error).toBeInstanceOf(HookFailedError);
      messages.push(error.message.replace(connector.slug, "<slug>"));
    }
    expect(messages[1]).toBe(messages[0]);
  });

  it("reports a thrown Symbol without crossing it", async () => {
    const connector = await sandboxedConnector("exports.processEvent = () => { throw Symbol('s') }");
    expect((await rejection(() => connector.processEvent(event()))).message).toContain("Symbol(s)");
  });

  it("keeps RetryError recognisable (setup retries, export retries)", async () => {
    const connector = await sandboxedConnector("const { RetryError } = require('@posthog/plugin-scaffold'); exports.processEvent = async () => { throw new RetryError('later') }");
    const error = await rejection(() => connector.processEvent(event()));
    expect(isRetryError(error.cause)).toBe(true);
    expect(error.message).toContain("RetryError: later");
  });
});
