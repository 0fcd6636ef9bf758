import { describe, expect, it, vi } from "vitest";
import { EgressDeniedError, PluginDisabledError, SandboxProcessError } from "../errors.ts";
import { FetchInterceptor } from "../fetch/fetch-interceptor.ts";
import { createMmdbGeoIP } from "../geoip/mmdb-geoip.ts";
import { createTestCityDatabase } from "../geoip/test-city-database.ts";
import { loadConnector } from "../load/load-connector.ts";
import { event, tempConnector } from "../test-support/temp-connector.ts";
import { countInFlight, rejection } from "./sandbox-test-support.ts";
import { SandboxPool, type SandboxPoolOptions } from "./sandbox-pool.ts";

// Child-process tests start real processes: the budget is theirs on a busy machine, nothing is timed.
const CHILD_BUDGET = 120_000;

const COUNTING = `
exports.setupPlugin = ({ global, logger }) => { global.seen = 0; logger.info('setup') }
exports.processEvent = (e, { global, config }) => {
  global.seen++
  if (e.properties.fail) throw new Error('failed on ' + e.properties.n)
  if (e.properties.explode) { const m = new Map(); let i = 0; while (true) m.set(i++, { i }) }
  if (e.properties.spin) { const end = Date.now() + 200; while (Date.now() < end); }
  return { ...e, properties: { ...e.properties, by: config.who, seen: global.seen > 0 } }
}
exports.composeWebhook = (e) => ({ url: 'https://hooks.example.com/' + e.event, body: JSON.stringify(e.properties) })
exports.teardownPlugin = ({ global, logger }) => logger.info('saw ' + global.seen)
`;

/** Uses every host capability a hook has: fetch (allowed and refused), cache, storage, geoip, metrics, logs. */
const HOST_OPERATIONS = `
exports.metrics = { calls: 'sum' }
exports.processEvent = async (e, { cache, storage, fetch, geoip, logger, metrics }) => {
  await cache.set('k', 'cached'); await storage.set('s', { stored: true })
  const response = await fetch('https://api.example.com/v1?q=1', { method: 'POST', body: '{"a":1}' })
  let denied
  try { await fetch('http://169.254.169.254/latest/meta-data/') } catch (error) { denied = error.name }
  metrics.calls.increment(1)
  let undeclared
  try { metrics.nope.increment(1) } catch (error) { undeclared = error.message }
  logger.info('status', response.status)
  const location = await geoip.locate('89.160.20.129')
  return { ...e, properties: { cached: await cache.get('k'), stored: await storage.get('s'), status: response.status, body: await response.json(), denied, undeclared, city: location && location.city.names.en } }
}
`;

const messages = (count: number, properties: object = {}) => Array.from({ length: count }, (_, n) => JSON.stringify(event({ properties: { n, ...properties } })));

function pooled(code = COUNTING, manifest: object = {}) {
  return tempConnector({ "plugin.json": { name: "Pooled", config: [{ key: "who", type: "string", default: "pool" }], ...manifest }, "index.js": code });
}

async function pool(options: SandboxPoolOptions, dir = pooled()) {
  return SandboxPool.create(await loadConnector(dir, { mode: "sandbox" }), options);
}

const logsOf = (p: SandboxPool) => p.connectors.map((c) => c.logs.map((line) => line.message));

describe("SandboxPool in a child process", () => {
  it(
    "answers hooks, batches and errors as the in-process pool does",
    async () => {
      const results = [];
      const dir = pooled();
      for (const where of ["in-process", "child"] as const) {
        const p = await pool({ size: 2, process: where }, dir);
        const batch = messages(400);
        batch[250] = JSON.stringify(event({ properties: { n: 250, fail: true } }));
        const failure = await rejection(() => p.processEventMessages(batch));
        const hookError = await rejection(() => p.connectors[0]!.processEvent(event({ properties: { fail: true, n: 1 } })));
        results.push({
          out: await p.processEventMessages(messages(300)),
          objects: await p.processEventBatch(Array.from({ length: 120 }, (_, n) => event({ properties: { n } }))),
          single: await p.connectors[1]!.processEvent(event({ properties: { n: -1 } })),
          webhook: await p.connectors[0]!.composeWebhook(event({ event: "signup", properties: { a: 1 } })),
          failure: failure.message,
          hookError: { name: hookError.name, message: hookError.message, location: hookError.location },
        });
        await p.teardown();
        expect(logsOf(p).map((lines) => lines[0])).toEqual(["setup", "setup"]);
        expect(p.processId).toBeUndefined();
      }
      expect(results[1]).toEqual(results[0]);
      expect(results[1]!.failure).toBe("failed on 250");
      expect(results[1]!.hookError.location).toMatchObject({ file: expect.stringContaining("index.js") });
    },
    CHILD_BUDGET,
  );

  it(
    "carries a batch over IPC in a few messages per chunk, not one per event",
    async () => {
      const p = await pool({ size: 2, process: "child" });
      await p.processEventMessages(messages(10)); // starts the process and creates both instances
      const before = p.processMessages;
      expect(await p.processEventMessages(messages(1_000))).toHaveLength(1_000);
      // Four chunks of 250 (two per instance): a request and a reply each, or fewer when sent in one turn.
      const used = p.processMessages - before;
      expect(used).toBeGreaterThanOrEqual(2);
      expect(used).toBeLessThanOrEqual(8);
      await p.teardown();
    },
    CHILD_BUDGET,
  );

  it(
    "keeps two chunks out per instance, so the next one is in the sandbox process while an outcome comes back",
    async () => {
      const p = await pool({ size: 2, process: "child" });
      const inFlight = countInFlight(p);
      expect(await p.processEventMessages(messages(1_000))).toHaveLength(1_000);
      expect(inFlight.mostOnOne).toBe(2);
      await p.teardown();
    },
    CHILD_BUDGET,
  );

  it(
    "sends the host operations of a chunk, and their answers, together",
    async () => {
      const p = await pool({ size: 1, process: "child" }, pooled("exports.processEvent = async (e, { cache }) => { await cache.set('n' + e.properties.n, 1); return { ...e, got: await cache.get('n' + e.properties.n) } }"));
      await p.processEventMessages(messages(10));
      const before = p.processMessages;
      const out = await p.processEventMessages(messages(1_000));
      expect(out.every((m) => JSON.parse(m as string).got === 1)).toBe(true);
      // 2,000 cache calls: one message each way per call would be 4,000; per chunk it is a few.
      expect(p.processMessages - before).toBeLessThanOrEqual(40);
      await p.teardown();
    },
    CHILD_BUDGET,
  );

  it(
    "runs host operations in the pool's process: egress, records, stores, geoip and metrics stay there",
    async () => {
      const outs = [];
      const dir = pooled(HOST_OPERATIONS, { allowedHosts: ["api.example.com"] });
      for (const where of ["in-process", "child"] as const) {
        const geoip = createMmdbGeoIP(createTestCityDatabase());
        const fetch = new FetchInterceptor().on("POST", /^https:\/\/api\.example\.com\/v1/, { json: { ok: true } });
        const p = await pool({ size: 1, process: where, geoip, fetch }, dir);
        const [connector] = p.connectors;
        const out = await p.processEventMessages(messages(1));
        outs.push(JSON.parse(out[0] as string).properties);
        expect(connector!.requests).toMatchObject([{ method: "POST", url: "https://api.example.com/v1?q=1", body: '{"a":1}', status: 200, via: "mock" }, { url: "http://169.254.169.254/latest/meta-data/" }]);
        expect(connector!.logs.at(-1)!.message).toBe("status 200");
        expect(await connector!.meta.storage.get("s", null)).toEqual({ stored: true });
        expect(connector!.metrics.values).toEqual({ calls: 1 });
        await p.teardown();
      }
      expect(outs[1]).toEqual(outs[0]);
      expect(outs[1]).toEqual({ cached: "cached", stored: { stored: true }, status: 200, body: { ok: true }, denied: new EgressDeniedError("x", "y", "z").name, undeclared: expect.stringContaining('metric "nope" is not declared'), city: "Linköping" });
    },
    CHILD_BUDGET,
  );

  it(
    "refuses a composeWebhook that returns a promise, in either process",
    async () => {
      const dir = pooled("exports.composeWebhook = async (e) => ({ url: 'https://hooks.example.com/' + e.event })\n");
      for (const where of ["in-process", "child"] as const) {
        const p = await pool({ size: 1, process: where }, dir);
        const error = await rejection(() => p.connectors[0]!.composeWebhook(event()));
        expect(error.message).toContain("composeWebhook must be synchronous; it returned a Promise");
        await p.teardown();
      }
    },
    CHILD_BUDGET,
  );

  it(
    "survives a hard V8 out-of-memory in an isolate: the call fails, the next one runs in a new process after setupPlugin",
    async () => {
      const p = await pool({ size: 2, process: "child", sandbox: { memoryLimitMb: 8 } });
      const first = p.processId;
      expect(await p.processEventMessages(messages(10))).toHaveLength(10);
      const error = await rejection(() => p.processEventMessages(messages(10, { explode: true })));
      expect(error).toBeInstanceOf(SandboxProcessError);
      expect(error.message).toMatch(/sandbox process died \(signal SIGABRT, V8 reported it out of memory\)/);
      // 200 messages: both instances take chunks, so both are created again in the new process.
      const after = await p.processEventMessages(messages(200));
      expect(after.map((m) => JSON.parse(m as string).properties.by)).toEqual(Array(200).fill("pool"));
      expect(p.processId).not.toBe(first);
      expect(logsOf(p).map((lines) => lines.filter((line) => line === "setup").length)).toEqual([2, 2]);
      await p.teardown();
    },
    CHILD_BUDGET,
  );

  it(
    "fails the work in flight when the process is killed, and starts a new one",
    async () => {
      const p = await pool({ size: 2, process: "child" });
      const inFlight = p.processEventMessages(messages(200, { spin: true }));
      process.kill(p.processId!, "SIGKILL");
      const error = await rejection(() => inFlight);
      expect(error).toBeInstanceOf(SandboxProcessError);
      expect(error.message).toContain("signal SIGKILL");
      expect(await p.processEventMessages(messages(5))).toHaveLength(5);
      await p.teardown();
    },
    CHILD_BUDGET,
  );

  it(
    "stops restarting a process that keeps dying, with an error that says so",
    async () => {
      const p = await pool({ size: 1, process: "child", restarts: { maxRestarts: 2, windowMs: 600_000 } });
      for (let death = 1; death <= 2; death++) {
        await p.processEventMessages(messages(1));
        process.kill(p.processId!, "SIGKILL");
        await vi.waitFor(() => expect(p.processId).toBeUndefined(), { timeout: CHILD_BUDGET / 2 });
      }
      const error = await rejection(() => p.processEventMessages(messages(1)));
      expect(error).toBeInstanceOf(PluginDisabledError);
      expect(error.message).toContain("died 2 times");
      expect(error.message).toContain("stopped restarting");
      await p.teardown();
    },
    CHILD_BUDGET,
  );
});
