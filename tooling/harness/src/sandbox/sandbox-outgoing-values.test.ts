import { describe, expect, it } from "vitest";
import { SandboxLimitError } from "../errors.ts";
import { event } from "../test-support/temp-connector.ts";
import { rejection, sandboxedConnector } from "./sandbox-test-support.ts";

// `a = [a, a]` nested n times: n + 1 objects that expand to 2^n values once walked as a tree.
const DAG = "let a = {}; for (let i = 0; i < 30; i++) a = [a, a];";

describe("values leaving the sandbox", () => {
  it("refuses a result whose shared references expand to 2^30 values, names the limit, and the next event runs", async () => {
    // The support's generous hook budget: the walk stops at the default 16 MiB, so the value limit, not the CPU one, ends it.
    const connector = await sandboxedConnector(`exports.processEvent = (e) => { if (!e.properties.dag) return e; ${DAG} return { ...e, properties: { a } } }`);
    const error = await rejection(() => connector.processEvent(event({ properties: { dag: true } })));
    expect(error).toBeInstanceOf(SandboxLimitError);
    expect(error).toMatchObject({ limit: "value", value: 16 * 1024 * 1024, hook: "processEvent", code: "SANDBOX_LIMIT" });
    expect(error.message).toContain("sandbox.maxValueBytes");
    expect(await connector.processEvent(event())).toMatchObject({ event: "$pageview" });
  });

  it("refuses an async result over sandbox.maxValueBytes and a circular one", async () => {
    const connector = await sandboxedConnector(
      "exports.processEvent = async (e) => { if (e.properties.big) return { ...e, properties: { s: 'x'.repeat(5000) } }; if (e.properties.loop) { const o = {}; o.self = o; return { ...e, properties: o } } return e }",
      {},
      { sandbox: { maxValueBytes: 4096 } },
    );
    expect(await rejection(() => connector.processEvent(event({ properties: { big: true } })))).toMatchObject({ limit: "value", value: 4096 });
    const circular = await rejection(() => connector.processEvent(event({ properties: { loop: true } })));
    expect(circular).toMatchObject({ limit: "value" });
    expect(circular.message).toContain("circular");
    expect(await connector.processEvent(event())).toMatchObject({ event: "$pageview" });
  });

  it("lets the connector catch an oversized host-call argument (a cache value) inside the isolate", async () => {
    const connector = await sandboxedConnector(`exports.processEvent = async (e, { cache }) => { ${DAG} try { await cache.set('k', a); return { ...e, stored: true } } catch (err) { return { ...e, refused: err.name + ': ' + err.message } } }`, {}, { sandbox: { maxValueBytes: 65_536 } });
    const out = (await connector.processEvent(event())) as { refused?: string };
    expect(out.refused).toMatch(/^OutgoingValueError: the arguments of cache\.set is larger than the sandbox lets leave it/);
  });

  it("bounds a thrown value the same way", async () => {
    const connector = await sandboxedConnector(`exports.processEvent = (e) => { ${DAG} throw a }`, {}, { sandbox: { maxValueBytes: 65_536 } });
    const error = await rejection(() => connector.processEvent(event()));
    expect(String(error?.message ?? error)).toContain("too large, too deep or circular to leave the sandbox");
  });

  it("passes Dates, typed arrays, Maps and nested plain data unchanged", async () => {
    const connector = await sandboxedConnector("exports.processEvent = (e) => ({ ...e, properties: { d: new Date(0), b: new Uint8Array([1, 2]), m: new Map([['k', [1, { x: 'y' }]]]), deep: { a: { b: { c: [1, 2, 3] } } } } })");
    const out = (await connector.processEvent(event())) as { properties: Record<string, unknown> };
    expect(out.properties.d).toEqual(new Date(0));
    expect(Array.from(out.properties.b as Uint8Array)).toEqual([1, 2]);
    expect(out.properties.m).toEqual(new Map([["k", [1, { x: "y" }]]]));
    expect(out.properties.deep).toEqual({ a: { b: { c: [1, 2, 3] } } });
  });
});

describe("synchronous host calls", () => {
  it("refuses inputs over their caps with the call and the cap named, and the connector can go on", async () => {
    const connector = await sandboxedConnector(
      "const crypto = require('crypto'); exports.processEvent = (e) => { const tries = { big: () => crypto.randomBytes(2 ** 31), url: () => new URL('https://a.example/' + 'x'.repeat(1024 * 1024 + 1)), ok: () => crypto.randomBytes(16).length }; const out = {}; for (const [k, f] of Object.entries(tries)) { try { out[k] = f() } catch (err) { out[k] = err.message } } return { ...e, properties: out } }",
      {},
      { sandbox: { memoryLimitMb: 64 } },
    );
    const out = (await connector.processEvent(event())) as { properties: Record<string, unknown> };
    expect(out.properties.big).toMatch(/crypto\.randomBytes\(\) size: 2147483648 is over the sandbox's cap of 1048576 per call/);
    expect(out.properties.url).toMatch(/new URL\(\): 1048\d+ is over the sandbox's cap of 1048576 per call/);
    expect(out.properties.ok).toBe(16);
  });

  it("ends a hook that keeps calling the host after its time is up", async () => {
    const connector = await sandboxedConnector("const crypto = require('crypto'); exports.processEvent = (e) => { for (;;) { try { crypto.createHash('sha256').update('x').digest('hex') } catch {} } }", {}, { sandbox: { cpuTimeoutMs: 300 } });
    expect(await rejection(() => connector.processEvent(event()))).toMatchObject({ limit: "cpu", hook: "processEvent" });
  });
});

describe("host operations in flight", () => {
  it("refuses operations past sandbox.maxPendingOps and admits new ones once they settle", async () => {
    const connector = await sandboxedConnector(
      "exports.processEvent = async (e, { cache }) => { const all = await Promise.allSettled(Array.from({ length: 25 }, (_, i) => cache.get('k' + i, null))); const refused = all.filter((r) => r.status === 'rejected'); return { ...e, properties: { refused: refused.length, reason: refused[0]?.reason?.message, after: await cache.get('k', 'ok') } } }",
      {},
      { sandbox: { maxPendingOps: 10 } },
    );
    const out = (await connector.processEvent(event())) as unknown as { properties: { refused: number; reason: string; after: string } };
    expect(out.properties.refused).toBe(15);
    expect(out.properties.reason).toContain("too many host operations in flight (10)");
    expect(out.properties.after).toBe("ok");
  });
});
