import { ConfigError, ManifestError } from "@connectors/plugin-api";
import { describe, expect, it } from "vitest";
import { VirtualClock } from "./clock.ts";
import { createConnector } from "./create-connector.ts";
import { HookFailedError, HookTimeoutError, IllegalOperationError, InvalidEventError, PluginDisabledError, PluginLoadError } from "./errors.ts";
import { toProcessedEvent } from "./events.ts";
import { FetchInterceptor } from "./fetch/fetch-interceptor.ts";
import { event, tempConnector } from "./test-support/temp-connector.ts";

const manifest = (extra: object = {}) => ({ name: "Test", ...extra });

async function connectorFrom(code: string, options: Parameters<typeof createConnector>[1] = {}, manifestExtra: object = {}) {
  return createConnector(tempConnector({ "plugin.json": manifest(manifestExtra), "index.js": code }), options);
}

describe("loading", () => {
  it.each([
    ["module.exports = {...}", "module.exports = { processEvent: (e) => ({ ...e, style: 1 }) }"],
    ["exports.x =", "exports.processEvent = (e) => ({ ...e, style: 1 })"],
    ["export function", "export function processEvent(e) { return { ...e, style: 1 } }"],
    ["export default {...}", "export default { processEvent: (e) => ({ ...e, style: 1 }) }"],
    ["bare top-level function", "function processEvent(e) { return { ...e, style: 1 } }"],
  ])("finds hooks exported as %s", async (_style, code) => {
    const connector = await connectorFrom(code);
    expect(await connector.processEvent(event())).toMatchObject({ style: 1 });
  });

  it("strips TypeScript without type-checking", async () => {
    const dir = tempConnector({ "plugin.json": manifest(), "index.ts": "const n: number = 'not a number' as any\nexport function processEvent(e: any): any { return { ...e, n } }" });
    expect(await (await createConnector(dir)).processEvent(event())).toMatchObject({ n: "not a number" });
  });

  it("adapts a processEventBatch-only connector to single events", async () => {
    const connector = await connectorFrom("exports.processEventBatch = (events) => events.map((e) => ({ ...e, batched: true }))");
    expect(await connector.processEvent(event())).toMatchObject({ batched: true });
  });

  it("gives connectors PostHog's globals and hides process and timers", async () => {
    const connector = await connectorFrom("exports.processEvent = (e) => ({ ...e, seen: [typeof fetch, typeof posthog, typeof RetryError, typeof URL, typeof Buffer, typeof process, typeof setTimeout] })");
    expect(((await connector.processEvent(event())) as any)?.seen).toEqual(["function", "object", "function", "function", "function", "undefined", "undefined"]);
  });

  it.each([
    ["exports nothing runnable", "exports.hello = 1", /exports nothing runnable/],
    ["has a syntax error", "exports.processEvent = (e) => {", /^Cannot load .*index.js:\n  index.js:1:\d+: Unexpected end of file/],
    ["imports a forbidden module", "const cp = require('child_process'); exports.processEvent = (e) => e", /Cannot import 'child_process'! This package is not provided by PostHog in plugins/],
    ["exports a hook that is not a function", "exports.processEvent = 'nope'", /exports processEvent as string; it must be a function/],
    ["throws at the top level", "throw new Error('bad top level')", /its top-level code threw Error: bad top level/],
  ])("fails clearly when the connector %s", async (_what, code, message) => {
    await expect(connectorFrom(code)).rejects.toThrow(message);
    await expect(connectorFrom(code)).rejects.toBeInstanceOf(PluginLoadError);
  });

  it("names plugin.json when it is malformed", async () => {
    const dir = tempConnector({ "plugin.json": "{ nope", "index.js": "" });
    await expect(createConnector(dir)).rejects.toBeInstanceOf(ManifestError);
  });

  it("reports unknown exports and keeps running", async () => {
    const connector = await connectorFrom("exports.processEvent = (e) => e; exports.schedule = {}");
    expect(connector.unknownExports).toEqual(["schedule"]);
    expect(connector.logs[0]?.message).toMatch(/ignoring exports the contract does not know: schedule/);
  });
});

describe("config", () => {
  const fields = { config: [{ key: "name", type: "string", default: "world" }, { key: "token", type: "string", secret: true, required: true }] };

  it("applies defaults and validates before anything runs", async () => {
    const connector = await connectorFrom("exports.processEvent = (e, { config }) => ({ ...e, config })", { config: { token: "secret-value" } }, fields);
    expect(((await connector.processEvent(event())) as any)?.config).toEqual({ name: "world", token: "secret-value" });
    await expect(connectorFrom("exports.processEvent = (e) => e", { config: {} }, fields)).rejects.toBeInstanceOf(ConfigError);
  });

  it("redacts secret values from logs", async () => {
    const connector = await connectorFrom("exports.processEvent = (e, { config }) => { console.log('token is', config.token); return e }", { config: { token: "secret-value" } }, fields);
    await connector.processEvent(event());
    expect(connector.logs.map((l) => l.message)).toEqual(["token is [REDACTED]"]);
    expect(connector.secretsLogged).toBe(1);
  });
});

describe("processEvent", () => {
  it("drops the event on a falsy return", async () => {
    const connector = await connectorFrom("exports.processEvent = () => undefined");
    expect(await connector.processEvent(event())).toBeNull();
  });

  it("refuses a team_id change", async () => {
    const connector = await connectorFrom("exports.processEvent = (e) => ({ ...e, team_id: 99 })");
    await expect(connector.processEvent(event())).rejects.toBeInstanceOf(IllegalOperationError);
  });

  it("refuses an event that is not an object", async () => {
    const connector = await connectorFrom("exports.processEvent = (e) => e");
    await expect(connector.processEvent("nope" as never)).rejects.toBeInstanceOf(InvalidEventError);
  });

  it.each([
    ["an Error", "throw new TypeError('bad')", "TypeError: bad"],
    ["a string", "throw 'oops'", 'threw the string "oops"'],
    ["an object", "throw { code: 42 }", 'threw {"code":42} (not an Error)'],
  ])("wraps %s thrown by the hook, naming connector and hook", async (_what, body, detail) => {
    const connector = await connectorFrom(`exports.processEvent = () => { ${body} }`);
    const error = await connector.processEvent(event()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HookFailedError);
    expect((error as Error).message).toContain(`hook processEvent failed: ${detail}`);
  });

  it("times out a hook that never settles and keeps working", async () => {
    const connector = await connectorFrom("let n = 0; exports.processEvent = (e) => (n++ === 0 ? new Promise(() => {}) : e)", { timeoutMs: 50 });
    await expect(connector.processEvent(event())).rejects.toBeInstanceOf(HookTimeoutError);
    expect(await connector.processEvent(event())).toMatchObject({ event: "$pageview" });
  });
});

describe("setupPlugin and teardownPlugin", () => {
  it("runs setup once, even under concurrent first calls, with meta.global shared", async () => {
    const connector = await connectorFrom("let setups = 0; exports.setupPlugin = async ({ global }) => { setups++; global.greeting = 'hi' }; exports.processEvent = (e, { global }) => ({ ...e, greeting: global.greeting, setups })");
    const results = await Promise.all([connector.processEvent(event()), connector.processEvent(event())]);
    expect(results.map((r: any) => [r?.greeting, r?.setups])).toEqual([["hi", 1], ["hi", 1]]);
  });

  it("disables the connector when setup fails", async () => {
    const connector = await connectorFrom("exports.setupPlugin = () => { throw new Error('no API key') }; exports.processEvent = (e) => e");
    await expect(connector.processEvent(event())).rejects.toThrow(/setupPlugin failed: Error: no API key/);
    await expect(connector.processEvent(event())).rejects.toBeInstanceOf(PluginDisabledError);
  });

  it("retries setup after a RetryError on the clock", async () => {
    const clock = new VirtualClock();
    const connector = await connectorFrom("let n = 0; exports.setupPlugin = () => { if (n++ < 2) throw new RetryError('not yet') }; exports.processEvent = (e) => e", { clock, setupRetries: 5 });
    const setup = connector.setup();
    await clock.advance(5000);
    await clock.advance(10_000);
    await expect(setup).resolves.toBeUndefined();
  });

  it("runs teardown after setup, and logs (not throws) a failing teardown", async () => {
    const connector = await connectorFrom("exports.processEvent = (e) => e; exports.teardownPlugin = () => { throw new Error('cannot close') }");
    await connector.processEvent(event());
    await connector.teardown();
    expect(connector.logs.at(-1)?.message).toMatch(/Plugin failed to unload: .*cannot close/);
  });
});

describe("onEvent, exportEvents and composeWebhook", () => {
  it("gives onEvent the processed event shape, single attempt", async () => {
    const connector = await connectorFrom("exports.onEvent = (e) => { console.log(JSON.stringify([e.ip, e.properties.$ip, typeof e.uuid])) }");
    await connector.onEvent(event({ ip: "1.2.3.4" }));
    expect(connector.logs[0]?.message).toBe('[null,"1.2.3.4","string"]');
  });

  it("buffers exports until the byte limit, skipping ignored events", async () => {
    const clock = new VirtualClock();
    const size = JSON.stringify(toProcessedEvent(event({ event: "a" }))).length;
    const connector = await connectorFrom(
      "exports.exportEvents = (events) => { console.log(events.map((e) => e.event).join(',')) }",
      { clock, config: { exportEventsBufferBytes: String(2 * size + 1), exportEventsToIgnore: "skip me, $feature_flag_called" } },
      { config: [{ key: "exportEventsBufferBytes", type: "string" }, { key: "exportEventsToIgnore", type: "string" }] },
    );
    for (const name of ["a", "skip me", "b", "c"]) await connector.onEvent(event({ event: name }));
    expect(connector.logs.map((l) => l.message)).toEqual(["a,b"]);
    await connector.teardown();
    expect(connector.logs.map((l) => l.message)).toEqual(["a,b", "c"]);
    expect(connector.metrics.values).toMatchObject({ events_seen: 3, events_delivered_successfully: 3 });
  });

  it("flushes after the time limit on the clock", async () => {
    const clock = new VirtualClock();
    const connector = await connectorFrom("exports.exportEvents = (events) => { console.log(events.length) }", { clock });
    await connector.onEvent(event());
    await clock.advance(9_999);
    expect(connector.logs).toHaveLength(0);
    await clock.advance(1);
    expect(connector.logs.map((l) => l.message)).toEqual(["1"]);
  });

  it("runs the jobs exportEvents enqueues with runNow when the buffer flushes on its time limit", async () => {
    const clock = new VirtualClock();
    const connector = await connectorFrom(
      "exports.exportEvents = async (events, { jobs }) => { await jobs.upload({ n: events.length }).runNow() }; exports.jobs = { upload: ({ n }) => { console.log('uploaded ' + n) } }",
      { clock },
    );
    await connector.onEvent(event());
    await clock.advance(10_000);
    expect(connector.logs.map((l) => l.message)).toEqual(["uploaded 1"]);
    expect(connector.jobs.pending).toEqual([]);
  });

  it("retries a RetryError after 6, 12 and 24 s, then reports the loss with the event uuids", async () => {
    const clock = new VirtualClock();
    const connector = await connectorFrom("exports.exportEvents = () => { console.log('attempt'); throw new RetryError('service down') }", { clock });
    await connector.onEvent(event({ uuid: "lost-1" }));
    await connector.flushExports();
    for (const wait of [6_000, 12_000, 24_000]) await clock.advance(wait);
    expect(connector.logs.filter((l) => l.message === "attempt")).toHaveLength(4);
    expect(connector.errors).toEqual([{ hook: "exportEvents", message: expect.stringMatching(/still failing after 3 retries/), eventUuids: ["lost-1"] }]);
    expect(connector.metrics.values).toMatchObject({ retry_errors: 4, undelivered_events: 1 });
  });

  it("does not retry other errors", async () => {
    const connector = await connectorFrom("exports.exportEvents = () => { throw new Error('bad request') }");
    await connector.onEvent(event({ uuid: "e1" }));
    await connector.flushExports();
    expect(connector.errors[0]).toMatchObject({ eventUuids: ["e1"], message: expect.stringMatching(/failed with a permanent error/) });
  });

  it("delivers the webhook composeWebhook returns through the harness fetch", async () => {
    const mocks = new FetchInterceptor().on("POST", "https://hooks.example.com/in", { status: 202 });
    const connector = await connectorFrom(
      "exports.composeWebhook = (e) => ({ url: 'https://hooks.example.com/in', body: JSON.stringify({ name: e.event, at: e.timestamp.toISOString() }) })",
      { fetch: mocks },
      { allowedHosts: ["hooks.example.com"] },
    );
    const { webhook, status } = await connector.composeWebhook(event(), { deliver: true });
    expect(webhook?.body).toBe('{"name":"$pageview","at":"2024-01-01T00:00:00.000Z"}');
    expect(status).toBe(202);
    expect(connector.requests[0]).toMatchObject({ method: "POST", url: "https://hooks.example.com/in", headers: { "content-type": "application/json" }, status: 202 });
  });
});

describe("fetch", () => {
  it("fails an unanswered request instead of reaching the network", async () => {
    const connector = await connectorFrom("exports.processEvent = async (e) => { await fetch('https://api.example.com/x'); return e }");
    await expect(connector.processEvent(event())).rejects.toThrow(/Unexpected request GET https:\/\/api.example.com\/x: no response is declared/);
    expect(connector.requests[0]?.via).toBe("unexpected");
  });

  it.each([
    ["an undeclared host", "https://evil.example.net/", /not in plugin.json "allowedHosts"/],
    ["loopback", "http://127.0.0.1:8080/", /loopback address/],
    ["the metadata address", "http://169.254.169.254/latest/meta-data", /link-local/],
  ])("refuses %s", async (_what, url, message) => {
    const connector = await connectorFrom(`exports.processEvent = async (e) => { await fetch(${JSON.stringify(url)}); return e }`, {}, { allowedHosts: ["api.example.com"] });
    await expect(connector.processEvent(event())).rejects.toThrow(message);
  });

  it("records requests with secrets redacted, the real values reaching the mock", async () => {
    let seen = "";
    const mocks = new FetchInterceptor().on("POST", "https://api.example.com/track*", (request) => {
      seen = `${request.url} ${request.headers.authorization}`;
      return { json: { ok: true } };
    });
    const connector = await connectorFrom(
      "exports.processEvent = async (e, { config }) => { await fetch('https://api.example.com/track?key=' + config.apiKey, { method: 'POST', headers: { Authorization: 'Bearer ' + config.apiKey }, body: JSON.stringify({ k: config.apiKey }) }); return e }",
      { fetch: mocks, config: { apiKey: "sk_live_123" } },
      { allowedHosts: ["api.example.com"], config: [{ key: "apiKey", type: "string", secret: true }] },
    );
    await connector.processEvent(event());
    expect(seen).toBe("https://api.example.com/track?key=sk_live_123 Bearer sk_live_123");
    expect(connector.requests[0]).toMatchObject({ url: "https://api.example.com/track?key=[REDACTED]", headers: { authorization: "[REDACTED]" }, body: '{"k":"[REDACTED]"}', status: 200 });
  });

  it("tells an observer about each request as it starts and when it ends, redacted, refusals included", async () => {
    const seen: string[] = [];
    const mocks = new FetchInterceptor().on("GET", "https://api.example.com/a*", (request) => {
      seen.push(`answering ${request.url}`);
      return { status: 201 };
    });
    const connector = await connectorFrom(
      "exports.processEvent = async (e, { config }) => { await fetch('https://api.example.com/a?k=' + config.apiKey); await fetch('https://evil.example.net/').catch(() => null); return e }",
      { fetch: mocks, config: { apiKey: "sk_live_456" }, onRequest: (entry, phase) => seen.push(`${phase} ${entry.url} ${entry.status ?? entry.via}`) },
      { allowedHosts: ["api.example.com"], config: [{ key: "apiKey", type: "string", secret: true }] },
    );
    await connector.processEvent(event());
    expect(seen).toEqual([
      "start https://api.example.com/a?k=[REDACTED] mock",
      "answering https://api.example.com/a?k=sk_live_456",
      "end https://api.example.com/a?k=[REDACTED] 201",
      "start https://evil.example.net/ mock",
      "end https://evil.example.net/ denied",
    ]);
  });

  it("allows hosts named by config fields marked as URLs", async () => {
    const mocks = new FetchInterceptor().on("POST", "https://hooks.customer.test/in", { status: 200 });
    const connector = await connectorFrom(
      "exports.onEvent = async (e, { config }) => { await fetch(config.webhookUrl, { method: 'POST', body: '{}' }) }",
      { fetch: mocks, config: { webhookUrl: "https://hooks.customer.test/in" } },
      { allowedHosts: [], config: [{ key: "webhookUrl", type: "string", format: "url" }] },
    );
    await connector.onEvent(event());
    expect(connector.requests[0]?.status).toBe(200);
  });
});

describe("jobs, schedules, metrics and posthog", () => {
  it("runs jobs when the clock reaches them; an unknown job is reported", async () => {
    const clock = new VirtualClock();
    const connector = await connectorFrom(
      "exports.jobs = { greet: (payload) => console.log('hello', payload.name) }; exports.onEvent = async (e, { jobs }) => { await jobs.greet({ name: 'later' }).runIn(2, 'minutes'); await jobs.greet({ name: 'now' }).runNow(); await jobs.nope({}).runNow() }",
      { clock },
    );
    await connector.onEvent(event());
    expect(connector.logs.map((l) => l.message)).toEqual(["hello now", expect.stringMatching(/job "nope" not found/)]);
    await clock.advance(120_000);
    expect(connector.logs.at(-1)?.message).toBe("hello later");
  });

  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])("runs only the connector's own jobs: %s is not found", async (name) => {
    const connector = await connectorFrom("exports.jobs = { greet: () => console.log('hello') }; exports.processEvent = (e) => e");
    await connector.runJob(name, {});
    expect(connector.errors).toMatchObject([{ hook: `job ${name}`, message: expect.stringMatching(new RegExp(`job "${name}" not found; the connector's jobs are: greet`)) }]);
    expect(connector.logs.map((l) => l.message)).not.toContain("hello");
  });

  it("fires runEveryMinute on minute boundaries of the clock, one run at a time", async () => {
    const clock = new VirtualClock("2024-01-01T00:00:30Z");
    const connector = await connectorFrom("exports.runEveryMinute = () => console.log('tick')", { clock });
    connector.startSchedule();
    await clock.advance(30_000);
    expect(connector.logs).toHaveLength(1);
    await clock.advance(120_000);
    expect(connector.logs).toHaveLength(3);
    await connector.teardown();
  });

  it("only lets declared metrics be updated", async () => {
    const connector = await connectorFrom("exports.metrics = { seen: 'sum', biggest: 'max' }; exports.processEvent = (e, { metrics }) => { metrics.seen.increment(2); metrics.biggest.max(5); metrics.biggest.max(3); metrics.other.increment(); return e }");
    await expect(connector.processEvent(event())).rejects.toThrow(/metric "other" is not declared/);
    expect(connector.metrics.values).toEqual({ seen: 2, biggest: 5 });
  });

  it("refuses an invalid metric type at load", async () => {
    await expect(connectorFrom("exports.metrics = { seen: 'avg' }; exports.processEvent = (e) => e")).rejects.toThrow(/declares metric "seen" of type "avg"/);
  });

  it("records posthog.capture with PostHog's defaults", async () => {
    const clock = new VirtualClock("2024-05-01T12:00:00Z");
    const connector = await connectorFrom("exports.runEveryDay = async () => { await posthog.capture('heartbeat', { n: 1 }); await posthog.capture('signup', { distinct_id: 'u9', timestamp: '2024-04-30T00:00:00Z' }) }", { clock });
    await connector.runTask("runEveryDay");
    expect(connector.captured).toEqual([
      { event: "heartbeat", distinct_id: connector.slug, team_id: 2, timestamp: "2024-05-01T12:00:00.000Z", properties: { n: 1, $lib: "posthog-plugin-server", $lib_version: expect.any(String), distinct_id: connector.slug } },
      { event: "signup", distinct_id: "u9", team_id: 2, timestamp: "2024-04-30T00:00:00.000Z", properties: { $lib: "posthog-plugin-server", $lib_version: expect.any(String), distinct_id: "u9" } },
    ]);
  });

  it("keeps cache per plugin and team, and storage per config, with PostHog's semantics", async () => {
    const clock = new VirtualClock();
    const connector = await connectorFrom(
      "exports.processEvent = async (e, { cache, storage, utils }) => { await cache.set('k', { a: 1 }, 60); await storage.set('s', [1]); await utils.cursor.init('c', 5); const c = await utils.cursor.increment('c', 2); await cache.lpush('l', ['1', '2', '3']); return { ...e, out: [await cache.get('k', null), await storage.get('s', null), c, await cache.lpop('l', 1), await cache.incr('n'), await storage.get('missing', 'dflt')] } }",
      { clock },
    );
    expect(((await connector.processEvent(event())) as any)?.out).toEqual([{ a: 1 }, [1], 7, ["3"], 1, "dflt"]);
    await clock.advance(60_000);
    expect(await connector.meta.cache.get("k", "expired")).toBe("expired");
  });
});
