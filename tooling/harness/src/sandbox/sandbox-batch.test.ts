import { describe, expect, it } from "vitest";
import { HookFailedError, SandboxLimitError } from "../errors.ts";
import { FetchInterceptor } from "../fetch/fetch-interceptor.ts";
import { event } from "../test-support/temp-connector.ts";
import { getConnectorSandbox } from "./load-sandboxed.ts";
import { rejection, sandboxedConnector } from "./sandbox-test-support.ts";

/** A sandboxed connector and its batch entry point; a test about the budget names a short `cpuTimeoutMs`. */
async function batchOf(code: string, options: Parameters<typeof sandboxedConnector>[1] = {}, manifest: object = {}, cpuTimeoutMs?: number) {
  const connector = await sandboxedConnector(code, options, { manifest, sandbox: { cpuTimeoutMs } });
  const sandbox = getConnectorSandbox(connector.plugin)!;
  return { connector, run: (events: ReturnType<typeof event>[]) => sandbox.processEventBatch(events, connector.meta) };
}

const numbered = (count: number) => Array.from({ length: count }, (_, n) => event({ properties: { n } }));

describe("sandbox processEventBatch (pipelined chunks)", () => {
  it("keeps the order of a batch that spans several chunks, with dropped events as null", async () => {
    const { run } = await batchOf("exports.processEvent = (e) => e.properties.n % 3 === 0 ? null : { ...e, properties: { ...e.properties, seen: true } }");
    const out = await run(numbered(2_345));
    expect(out).toHaveLength(2_345);
    out.forEach((result, n) => expect(result === null ? null : result.properties).toEqual(n % 3 === 0 ? null : { n, seen: true }));
  });

  it("leaves the events it was given unchanged", async () => {
    const { run } = await batchOf("exports.processEvent = (e) => { e.properties.changed = true; return e }");
    const events = numbered(10);
    await run(events);
    expect(events.every((e) => !("changed" in e.properties!))).toBe(true);
  });

  it("hands a processEventBatch-only connector the batch whole, not in chunks", async () => {
    const { run } = await batchOf("exports.processEventBatch = (events) => events.filter((e) => e.properties.n % 2 === 0).map((e) => ({ ...e, seenWith: events.length }))");
    const out = await run(numbered(1_001));
    expect(out.map((e) => e!.properties!.n)).toEqual(Array.from({ length: 501 }, (_, i) => i * 2));
    expect(new Set(out.map((e) => (e as { seenWith?: number }).seenWith))).toEqual(new Set([1_001]));
  });

  it("runs host operations of async hooks (fetch, logs) while chunks are in flight", async () => {
    const fetch = new FetchInterceptor().on("GET", /^https:\/\/api\.example\.com\/n\//, { json: { ok: true } });
    const { connector, run } = await batchOf(
      "exports.processEvent = async (e, { fetch, logger }) => { const r = await fetch('https://api.example.com/n/' + e.properties.n); if (e.properties.n === 250) logger.info('half way'); return { ...e, status: r.status } }",
      { fetch },
      { allowedHosts: ["api.example.com"] },
    );
    const out = await run(numbered(600));
    expect(out.map((e) => (e as { status?: number }).status)).toEqual(Array(600).fill(200));
    expect(connector.requests).toHaveLength(600);
    expect(connector.logs.map((log) => log.message)).toContain("half way");
  });

  it("fails the whole batch with the first error, and the next batch works", async () => {
    const { run } = await batchOf("exports.processEvent = (e) => { if (e.properties.n === 700) throw new TypeError('bad n ' + e.properties.n); return e }");
    const error = await rejection(() => run(numbered(1_000)));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe("bad n 700");
    expect(await run(numbered(10))).toHaveLength(10);
  });

  it("stops a runaway event under the batch's CPU budget, and the next batch works", async () => {
    const { connector, run } = await batchOf("exports.processEvent = (e) => { if (e.properties.n === 900) for (;;) {} return e }", {}, {}, 500);
    const error = await rejection(() => run(numbered(1_000)));
    expect(error).toBeInstanceOf(SandboxLimitError);
    expect(error).toMatchObject({ limit: "cpu", hook: "processEvent", plugin: connector.slug });
    expect(await run(numbered(5))).toHaveLength(5);
    expect(await connector.processEvent(event())).toMatchObject({ event: "$pageview" });
  });

  it("reports a hook failure through the connector API the same way as before batching", async () => {
    const { connector } = await batchOf("exports.processEvent = () => { throw new Error('nope') }");
    expect(await rejection(() => connector.processEvent(event()))).toBeInstanceOf(HookFailedError);
  });
});
