import { describe, expect, it } from "vitest";
import { HookFailedError, PluginLoadError } from "../errors.ts";
import { event } from "../test-support/temp-connector.ts";
import { rejection, sandboxedConnector } from "./sandbox-test-support.ts";

async function probe(code: string): Promise<any> {
  const connector = await sandboxedConnector(`exports.processEvent = (e, meta) => { e.properties.out = (() => { ${code} })(); return e }`);
  return ((await connector.processEvent(event())) as any).properties.out;
}

describe("sandbox isolation", () => {
  it("has no process, require, timers or WebAssembly globals", async () => {
    expect(await probe("return [typeof process, typeof globalThis.require, typeof setTimeout, typeof setImmediate, typeof setInterval, typeof queueMicrotask, typeof WebAssembly, typeof globalThis.process]")).toEqual(Array(8).fill("undefined"));
  });

  it("fails reading process.env", async () => {
    const connector = await sandboxedConnector("exports.processEvent = (e) => ({ ...e, env: process.env })");
    const error = await rejection(() => connector.processEvent(event()));
    expect(error).toBeInstanceOf(HookFailedError);
    expect(error.message).toContain("Cannot read properties of undefined (reading 'env')");
  });

  it("refuses require('child_process') at load time and at run time", async () => {
    expect(await rejection(() => sandboxedConnector("const cp = require('child_process'); exports.processEvent = (e) => e"))).toBeInstanceOf(PluginLoadError);
    const connector = await sandboxedConnector("const r = require; exports.processEvent = (e) => { r(['child', 'process'].join('_')).execSync('id'); return e }");
    const error = await rejection(() => connector.processEvent(event()));
    expect(error.message).toContain("Cannot import 'child_process'");
  });

  it("leaves no bridge internals on globalThis", async () => {
    const names: string[] = await probe("return Object.getOwnPropertyNames(globalThis).filter((n) => /connectors|ivm|host/i.test(n))");
    expect(names).toEqual([]);
  });

  it.each([
    ["this.constructor.constructor", "return this.constructor.constructor('return typeof process')()"],
    ["an event's constructor", "return e.constructor.constructor('return typeof process')()"],
    ["meta's functions (host capabilities)", "return [meta.cache.get, meta.fetch, meta.logger.info, meta.jobs.x, console.log, fetch, posthog.capture].map((f) => f.constructor('return typeof process + typeof require')())"],
    ["the module's require", "return require.constructor('return typeof process')()"],
    ["Function.prototype via a host error", "try { new URL('::not a url') } catch (err) { return err.constructor.constructor('return typeof process')() }"],
  ])("gives no way to the host's Function through %s", async (_via, code) => {
    const out = await probe(code.replace("this.constructor", "(function () { return this })().constructor"));
    expect(JSON.stringify(out)).not.toMatch(/object|function/);
  });

  it("gives nothing of the host through Error.prepareStackTrace", async () => {
    const out = await probe(`
      const seen = [];
      Error.prepareStackTrace = (err, frames) => { for (const f of frames) { const fn = f.getFunction && f.getFunction(); seen.push(fn ? fn.constructor('return typeof process')() : 'none'); seen.push(String(f.getFileName())) } return 'x' };
      try { new URL('::bad') } catch (err) { err.stack }
      try { require('crypto').createHash('nope') } catch (err) { err.stack }
      try { null.x } catch (err) { err.stack }
      Error.prepareStackTrace = undefined;
      return seen;`);
    expect(out).not.toContain("object");
    expect(JSON.stringify(out)).not.toContain("/work/");
    expect(JSON.stringify(out)).not.toContain("node:");
  });

  it("copies proxies and getters handed to the host (traps run inside the isolate only)", async () => {
    const connector = await sandboxedConnector(`
      exports.processEvent = async (e, { logger, cache }) => {
        let trapped = 0;
        const sneaky = new Proxy({ a: 1 }, { get(t, k) { trapped++; return k === 'toJSON' ? undefined : t[k] }, ownKeys(t) { trapped++; return Reflect.ownKeys(t) } });
        logger.info('value', sneaky);
        let refused = '';
        try { await cache.set('p', sneaky) } catch (err) { refused = err.message }
        await posthog.capture('evt', { nested: { getter: Object.defineProperty({}, 'x', { get() { return 'computed' }, enumerable: true }) } });
        return { ...e, properties: { trapped, refused } };
      }`);
    const out = (await connector.processEvent(event())) as any;
    expect(out.properties.trapped).toBeGreaterThan(0);
    expect(out.properties.refused).toContain("could not be cloned");
    expect(connector.logs.at(-1)?.message).toBe('value {"a":1}');
    expect(connector.captured[0]?.properties.nested).toEqual({ getter: { x: "computed" } });
  });

  it("keeps prototype pollution inside the isolate", async () => {
    const connector = await sandboxedConnector(`
      exports.processEvent = (e) => {
        Object.prototype.polluted = 'yes';
        Array.prototype.includes = () => true;
        JSON.parse = () => ({ hijacked: true });
        return { ...JSON.parse('{}'), ...e, properties: Object.assign(JSON.constructor.prototype, { ok: 1 }) && { __proto__: { admin: true }, shown: 1 } };
      }`);
    const out = (await connector.processEvent(event())) as any;
    expect(({} as any).polluted).toBeUndefined();
    expect([1].includes(2)).toBe(false);
    expect(JSON.parse("{}")).toEqual({});
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.properties.admin).toBeUndefined();
    expect(out.hijacked).toBe(true);
    const second = await sandboxedConnector("exports.processEvent = (e) => ({ ...e, sees: ({}).polluted ?? 'nothing' })");
    expect(((await second.processEvent(event())) as any).sees).toBe("nothing");
  });

  it("survives a connector that replaces JSON, String and Promise inside its isolate", async () => {
    const connector = await sandboxedConnector(`
      const trap = Object.defineProperty({}, 'x', { enumerable: true, get() { for (;;) {} } });
      JSON.stringify = () => trap; String = () => trap; Promise.prototype.then = function () { for (;;) {} };
      exports.metrics = { m: 'sum' };
      exports.processEvent = (e) => ({ ...e, ok: 1 });`);
    expect(await connector.processEvent(event())).toMatchObject({ ok: 1 });
  });
});
