import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStudio, StudioPortInUseError, type RunningStudio } from "./server.ts";
import { createStudioWorkspace } from "./test-workspace.ts";

let studio: RunningStudio;
let root: string;

beforeAll(async () => {
  root = createStudioWorkspace();
  studio = await startStudio({ root, scaffold: (at, slug) => (writeFileSync(join(at, "scaffold-called"), slug), join(at, "plugins", slug)) });
});
afterAll(() => studio.close());

async function call(path: string, body?: unknown, method = body === undefined ? "GET" : "POST"): Promise<{ status: number; body: any }> {
  const response = await fetch(new URL(path, studio.url), { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

const event = (extra: object = {}) => ({ event: "x", distinct_id: "u", team_id: 2, properties: {}, ...extra });
const POLL = { timeout: 60_000, interval: 50 };

describe("studio API: connectors and files", () => {
  it("lists the workspace's connectors with what search matches, untrusted ones marked", async () => {
    const { body } = await call("/api/connectors");
    expect(body.map((c: { id: string }) => c.id)).toEqual(["chatty", "counter", "customerio", "hello-world", "needs-key", "reminder", "ticker"]);
    expect(body.find((c: { id: string }) => c.id === "customerio")).toMatchObject({ name: "Customer.io", categories: ["destination", "messaging", "crm"], trusted: false });
  });

  it("describes a connector: config schema, every package file, hooks and fixtures", async () => {
    const { body } = await call("/api/connectors/customerio");
    expect(body.configSchema.properties.customerioToken).toMatchObject({ type: "string" });
    expect(body.files.slice(0, 2)).toEqual(["index.ts", "plugin.json"]);
    expect(body.files).toEqual(expect.arrayContaining(["lib/send-event.ts", "README.md", "fixtures/conformance.json"]));
    expect(body.hooks).toEqual(["onEvent"]);
    expect(body.fixtures.map((f: { name: string }) => f.name)).toEqual(["create-alias.json", "identify.json", "pageview.json"]);
  });

  it("refuses to save code that does not bundle and leaves the file as it was", async () => {
    const before = readFileSync(join(root, "plugins/hello-world/index.ts"), "utf8");
    const { status, body } = await call("/api/connectors/hello-world/files", { path: "index.ts", text: "export function processEvent(e) {\n  return e +;\n}\n" }, "PUT");
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ field: "text", problems: [{ file: "index.ts", line: 2, severity: "error" }] });
    expect(readFileSync(join(root, "plugins/hello-world/index.ts"), "utf8")).toBe(before);
  });

  it("refuses an import the bundle cannot resolve, at the importing line", async () => {
    const { status, body } = await call("/api/connectors/hello-world/files", { path: "index.ts", text: 'import { x } from "./lib/missing.ts";\nexport const processEvent = (e: any) => ({ ...e, x });\n' }, "PUT");
    expect(status).toBe(422);
    expect(body.error.problems[0]).toMatchObject({ file: "index.ts", line: 1 });
  });

  it("saves a new file under lib/ and reads it back", async () => {
    expect((await call("/api/connectors/counter/files", { path: "lib/double.ts", text: "export const double = (n: number) => n * 2;\n" }, "PUT")).status).toBe(200);
    expect((await call("/api/connectors/counter/files?path=lib%2Fdouble.ts")).body.text).toContain("n * 2");
  });

  it.each([["../../etc/passwd"], ["/etc/passwd"], ["node_modules/x/index.js"], [".git/config"], ["image.png"]])("refuses the path %s with a 400 naming the field", async (path) => {
    const { status, body } = await call("/api/connectors/counter/files", { path, text: "x" }, "PUT");
    expect(status).toBe(400);
    expect(body.error.field).toBe("path");
  });

  it("checks plugin.json live against the schema, at the line of the field", async () => {
    const text = '{\n  "name": "Counter",\n  "config": [\n    { "key": "a", "type": "number" }\n  ]\n}\n';
    const { body } = await call("/api/connectors/counter/check", { path: "plugin.json", text });
    expect(body.problems.find((p: { severity: string }) => p.severity === "error")).toMatchObject({ file: "plugin.json", line: 4 });
    const broken = await call("/api/connectors/counter/check", { path: "plugin.json", text: '{\n  "name": "Counter",\n}\n' });
    expect(broken.body.problems[0]).toMatchObject({ line: 3, message: expect.stringMatching(/not valid JSON/) });
  });

  it("refuses a fixture file that is not JSON, at its line", async () => {
    const { status, body } = await call("/api/connectors/counter/files", { path: "fixtures/broken.json", text: '{\n  "event": "x",\n}\n' }, "PUT");
    expect(status).toBe(422);
    expect(body.error.problems[0]).toMatchObject({ file: "fixtures/broken.json", line: 3 });
  });

  it("refuses unknown connectors and path tricks with 404", async () => {
    expect((await call("/api/connectors/..%2F..%2Fetc")).status).toBe(404);
    expect((await call("/api/connectors/nope/run", { hook: "processEvent" })).status).toBe(404);
  });
});

describe("studio API: runs", () => {
  it("returns config issues in the words of the form (labels, not keys)", async () => {
    const { body } = await call("/api/connectors/needs-key/run", { hook: "processEvent", config: {}, event: event() });
    expect(body.ok).toBe(false);
    expect(body.error.issues[0]).toMatchObject({ field: "apiKey", message: expect.stringContaining('"API key"') });
    expect(body.error.issues[0].message).not.toContain("config.apiKey");
  });

  it("answers a malformed run with a 400 naming the field", async () => {
    expect((await call("/api/connectors/counter/run", { config: {} })).body.error.field).toBe("hook");
    expect((await call("/api/connectors/counter/run", { hook: "processEvent", event: event(), times: 0 })).body.error.field).toBe("times");
    expect((await call("/api/connectors/counter/run", { hook: "processEvent", event: event(), http: { step: true, real: true } })).body.error.field).toBe("real");
    const notJson = await fetch(new URL("/api/connectors/counter/run", studio.url), { method: "POST", body: "{" });
    expect(notJson.status).toBe(400);
  });

  it("keeps storage, cache and global across runs until reset", async () => {
    const first = await call("/api/connectors/counter/run", { hook: "processEvent", config: {}, event: event() });
    expect(first.body.results[0].output.properties).toEqual({ count: 1, total: 1, seen: 1 });
    const second = await call("/api/connectors/counter/run", { hook: "processEvent", config: {}, event: event(), times: 2 });
    expect(second.body.results.map((r: any) => r.output.properties)).toEqual([
      { count: 2, total: 2, seen: 2 },
      { count: 3, total: 3, seen: 3 },
    ]);
    expect(second.body.state).toMatchObject({ storage: { total: 3 }, cache: { events: "3" } });
    await call("/api/connectors/counter/reset", {});
    const after = await call("/api/connectors/counter/run", { hook: "processEvent", config: {}, event: event() });
    expect(after.body.results[0].output.properties).toEqual({ count: 1, total: 1, seen: 1 });
  });

  it("runs a scheduled hook as the virtual clock passes an hour", async () => {
    const before = (await call("/api/connectors/ticker/session")).body.state.clock;
    const { body } = await call("/api/connectors/ticker/run", { hook: "advance", advanceMs: 3_600_000, config: {} });
    expect(body.ok).toBe(true);
    expect(Date.parse(body.state.clock) - Date.parse(before)).toBe(3_600_000);
    expect(body.state.storage).toEqual({ ticks: 1 });
    expect(body.logs.map((l: { message: string }) => l.message)).toEqual(["tick 1"]);
  });

  it("runs a job queued for an hour later only once the virtual clock has passed that hour", async () => {
    const queued = await call("/api/connectors/reminder/run", { hook: "processEvent", config: {}, event: event({ distinct_id: "ada" }) });
    expect(queued.body.ok).toBe(true);
    const queuedAt = Date.parse(queued.body.state.clock);
    expect(queued.body.state.pendingJobs).toEqual([{ name: "remind", runAt: new Date(queuedAt + 3_600_000).toISOString(), payload: { who: "ada" } }]);
    const messages = (logs: Array<{ message: string }>) => logs.map((l) => l.message);
    expect(messages(queued.body.logs)).toEqual(["reminder queued for ada"]);

    const early = await call("/api/connectors/reminder/run", { hook: "advance", advanceMs: 60_000, config: {} });
    expect(early.body.ok).toBe(true);
    expect(messages(early.body.logs)).toEqual([]);
    expect(early.body.state.pendingJobs).toHaveLength(1);

    const due = await call("/api/connectors/reminder/run", { hook: "advance", advanceMs: 3_600_000, config: {} });
    expect(due.body.ok).toBe(true);
    expect(Date.parse(due.body.state.clock) - queuedAt).toBe(3_660_000);
    expect(messages(due.body.logs)).toEqual(["reminded ada"]);
    expect(due.body.state.pendingJobs).toEqual([]);
    const kept = (await call("/api/connectors/reminder/session")).body;
    expect(kept.logs.map((l: { run: number; message: string }) => `#${l.run} ${l.message}`)).toEqual(["#1 reminder queued for ada", "#3 reminded ada"]);
  });

  it("points a thrown error at the connector's file and line, with connector frames", async () => {
    writeFileSync(join(root, "plugins/counter/lib/fail.ts"), "export function fail(): never {\n  // a comment line\n  throw new Error(\"boom\");\n}\n");
    writeFileSync(join(root, "plugins/counter/index.ts"), 'import { fail } from "./lib/fail.ts";\nexport function processEvent(event: any) {\n  if (event.event === "bad") fail();\n  try { fail(); } catch (error) { console.error(error); }\n  return event;\n}\n');
    const { body } = await call("/api/connectors/counter/run", { hook: "processEvent", config: {}, events: [event(), event({ event: "bad" })] });
    expect(body.results[0].error).toBeUndefined();
    expect(body.logs[0].message).toMatch(/boom[\s\S]*lib\/fail\.ts:3:\d+[\s\S]*index\.ts:4:/);
    expect(body.results[1].error).toMatchObject({ message: expect.stringContaining("boom"), location: { file: "lib/fail.ts", line: 3 } });
    expect(body.results[1].error.frames.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(["lib/fail.ts:3", "index.ts:3"]);
  });

  it("points code that throws while loading at its line", async () => {
    mkdirSync(join(root, "plugins/throws-at-load"), { recursive: true });
    writeFileSync(join(root, "plugins/throws-at-load/plugin.json"), JSON.stringify({ name: "Throws at load", config: [] }));
    writeFileSync(join(root, "plugins/throws-at-load/index.ts"), 'const settings = {};\nthrow new Error("not configured");\nexport function processEvent(event: any) {\n  return event;\n}\n');
    const { body } = await call("/api/connectors/throws-at-load/run", { hook: "processEvent", config: {}, event: event() });
    expect(body.ok).toBe(false);
    expect(body.error.problems[0]).toMatchObject({ file: "index.ts", line: 2 });
  });

  it("pauses each request in step mode until it is answered, then saves the answers as fixtures with secrets replaced", async () => {
    const config = { customerioSiteId: "site-secret-123", customerioToken: "token-secret-456" };
    writeFileSync(join(root, "plugins/customerio/fixtures/conformance.json"), JSON.stringify({ config: { customerioSiteId: "site-conformance", customerioToken: "key-conformance" } }));
    const run = call("/api/connectors/customerio/run", { hook: "onEvent", config, event: event({ distinct_id: "user-7", event: "signed_up", properties: { email: "a@example.com" } }), http: { step: true } });
    let finished = false;
    void run.then(() => (finished = true));
    const answered: string[] = [];
    for (;;) {
      await expect.poll(async () => finished || (await call("/api/connectors/customerio/session")).body.waiting.length > 0, POLL).toBe(true);
      const session = (await call("/api/connectors/customerio/session")).body;
      if (!session.waiting.length) break;
      const paused = session.waiting[0];
      expect(JSON.stringify(paused.request)).not.toContain("token-secret-456");
      answered.push(`${paused.request.method} ${paused.request.url}`);
      expect((await call(`/api/requests/${paused.id}/answer`, { status: 200, body: paused.request.url.includes("ip_addresses") ? '{"ip_addresses": []}' : "{}" })).status).toBe(200);
    }
    const result = (await run).body;
    expect(result.ok).toBe(true);
    // customerio keeps "Basic base64(site:key)" as a storage key: the page never sees it.
    const basic = Buffer.from(`${config.customerioSiteId}:${config.customerioToken}`).toString("base64");
    expect(JSON.stringify(result)).not.toContain(basic);
    expect(Object.keys(result.state.storage)).toContain("Basic [REDACTED]");
    expect(answered.length).toBeGreaterThanOrEqual(2);
    const saved = await call("/api/connectors/customerio/fixtures/responses", {});
    expect(saved.body).toMatchObject({ file: "fixtures/conformance.json", added: answered.length });
    const written = readFileSync(join(root, "plugins/customerio/fixtures/conformance.json"), "utf8");
    expect(written).not.toContain("secret-123");
    expect(written).not.toContain("secret-456");
    expect(JSON.parse(written).responses.map((r: { url: string }) => r.url)).toContain("https://track.customer.io/api/v1/customers/*");
  });

  it("stops a run waiting for answers: its requests fail as network errors", async () => {
    const run = call("/api/connectors/customerio/run", { hook: "onEvent", config: { customerioSiteId: "site-x-1", customerioToken: "token-x-2" }, event: event({ distinct_id: "user-9" }), http: { step: true } });
    await expect.poll(async () => (await call("/api/connectors/customerio/session")).body.waiting.length, POLL).toBe(1);
    expect((await call("/api/connectors/customerio/run", { hook: "onEvent", config: {}, event: event() })).status).toBe(409);
    expect((await call("/api/connectors/customerio/stop", {})).body).toEqual({ stopped: 1 });
    const result = (await run).body;
    expect(result.ok).toBe(false);
    expect(result.requests[0].error).toMatch(/stopped in the studio/);
  });

  it("answers requests from the saved fixtures outside step mode", async () => {
    const { body } = await call("/api/connectors/customerio/run", { hook: "onEvent", config: { customerioSiteId: "site-conformance", customerioToken: "key-conformance" }, event: event({ distinct_id: "user-8", properties: { email: "b@example.com" } }) });
    expect(body.ok).toBe(true);
    expect(body.requests.every((r: { via: string; status: number }) => r.via === "mock" && r.status === 200)).toBe(true);
  });

  it("lets real requests out only to the connector's allowed hosts", async () => {
    writeFileSync(join(root, "plugins/needs-key/index.ts"), 'export async function processEvent(event: any, { fetch }: any) {\n  await fetch("https://not-allowed.example.com/x");\n  return event;\n}\n');
    const { body } = await call("/api/connectors/needs-key/run", { hook: "processEvent", config: { apiKey: "k-123456" }, event: event(), http: { real: true } });
    expect(body.ok).toBe(false);
    expect(body.requests[0]).toMatchObject({ via: "denied", url: "https://not-allowed.example.com/x" });
  });

  it("never shows a secret config value: results, logs, state (storage and cache keys and values), pending jobs, errors", async () => {
    const secret = "k3y/Studio+secret=42";
    writeFileSync(
      join(root, "plugins/needs-key/index.ts"),
      [
        "export const jobs = { retry: async () => {} };",
        "export async function processEvent(event: any, { config, logger, storage, cache, jobs }: any) {",
        '  const basic = "Basic " + Buffer.from("id:" + config.apiKey).toString("base64");',
        '  logger.info("key", config.apiKey, encodeURIComponent(config.apiKey), basic);',
        '  await storage.set("k-" + config.apiKey, { basic });',
        '  await cache.set("auth", basic);',
        "  await jobs.retry({ key: config.apiKey }).runIn(1, 'hour');",
        '  if (event.properties.fail) throw new Error("bad key " + config.apiKey, { cause: new Error(config.apiKey) });',
        "  return { ...event, properties: { ...event.properties, key: config.apiKey } };",
        "}",
        "",
      ].join("\n"),
    );
    const run = (properties: object) => call("/api/connectors/needs-key/run", { hook: "processEvent", config: { apiKey: secret }, event: event({ properties }) });
    const ok = (await run({})).body;
    const failed = (await run({ fail: true })).body;
    const session = (await call("/api/connectors/needs-key/session")).body;
    expect(ok.ok).toBe(true);
    expect(failed.ok).toBe(false);
    expect(session.state.pendingJobs.length).toBeGreaterThan(0);
    const shown = JSON.stringify({ ok, failed, session });
    expect(shown).toContain("[REDACTED]");
    for (const form of [secret, encodeURIComponent(secret), Buffer.from(`id:${secret}`).toString("base64")]) expect(shown).not.toContain(form);
  });

  it("saves a named event as a fixture, refusing bad names and silent overwrites", async () => {
    expect((await call("/api/connectors/counter/fixtures/events", { name: "Bad Name", event: event() })).body.error.field).toBe("name");
    expect((await call("/api/connectors/counter/fixtures/events", { name: "signup", event: { no: "name" } })).body.error.field).toBe("event");
    expect((await call("/api/connectors/counter/fixtures/events", { name: "signup", event: event() })).body).toEqual({ saved: "fixtures/signup.json" });
    expect((await call("/api/connectors/counter/fixtures/events", { name: "signup", event: event() })).status).toBe(409);
    expect((await call("/api/connectors/counter")).body.fixtures.map((f: { name: string }) => f.name)).toEqual(["signup.json"]);
  });
});

describe("studio API: adding connectors, review, safety", () => {
  it("converts pasted source-editor code into a package, naming the field of a mistake", async () => {
    expect((await call("/api/convert-source", { name: "Bad", code: "x" })).body.error.field).toBe("name");
    expect((await call("/api/convert-source", { name: "pasted", code: "", config: "[]" })).body.error.field).toBe("code");
    expect((await call("/api/convert-source", { name: "pasted", code: "x", config: "[" })).body.error.field).toBe("config");
    const code = "export function processEvent(event, { config }) {\n  event.properties = { ...event.properties, greeting: config.greeting };\n  return event;\n}\n";
    const { status, body } = await call("/api/convert-source", { name: "pasted", code, language: "js", config: '[{"key": "greeting", "type": "string", "default": "hi"}]' });
    expect(status).toBe(200);
    expect(body.id).toBe("pasted");
    const run = await call("/api/connectors/pasted/run", { hook: "processEvent", config: {}, event: event() });
    expect(run.body.results[0].output.properties).toEqual({ greeting: "hi" });
  });

  it("opens a scratch folder and converts it", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "scratch-"));
    writeFileSync(join(scratch, "plugin.json"), JSON.stringify({ name: "Scratch", config: [{ key: "who", type: "string", default: "you" }] }));
    writeFileSync(join(scratch, "index.js"), "function processEvent(event, { config }) { event.properties = { ...event.properties, who: config.who }; return event }\nmodule.exports = { processEvent }\n");
    expect((await call("/api/open", { path: join(scratch, "nope") })).body.error.field).toBe("path");
    expect((await call("/api/open", { path: scratch })).body.id).toBe(scratch);
    const converted = await call("/api/convert", { id: scratch, name: "scratch-one" });
    expect(converted.body.id).toBe("scratch-one");
    const run = await call("/api/connectors/scratch-one/run", { hook: "processEvent", config: {}, event: event() });
    expect(run.body.results[0].output.properties).toEqual({ who: "you" });
  });

  it("creates a connector through the scaffolder it was given, naming the slug field on errors", async () => {
    expect((await call("/api/new", { slug: "" })).body.error.field).toBe("slug");
    expect((await call("/api/new", { slug: "fresh" })).body).toEqual({ id: "fresh" });
    expect(readFileSync(join(root, "scaffold-called"), "utf8")).toBe("fresh");
  });

  it("shows the review report of a workspace connector", async () => {
    const { status, body } = await call("/api/connectors/hello-world/review", {});
    expect(status).toBe(200);
    expect(Array.isArray(body.findings)).toBe(true);
    expect(body.markdown).toMatch(/hello-world/);
  });

  it("runs no tests of code from outside this checkout", async () => {
    const { status, body } = await call("/api/connectors/hello-world/tests", {});
    expect(status).toBe(403);
    expect(body.error.message).toMatch(/workspace packages/);
  });

  it("refuses a cross-origin write", async () => {
    const response = await fetch(new URL("/api/connectors/counter/run", studio.url), { method: "POST", headers: { origin: "http://evil.example.com" }, body: "{}" });
    expect(response.status).toBe(403);
  });

  it("refuses a foreign Host header (DNS rebinding)", async () => {
    const { port } = new URL(studio.url);
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: "127.0.0.1", port, path: "/api/connectors", headers: { host: "evil.example.com" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on("error", reject)
        .end();
    });
    expect(status).toBe(403);
  });

  it("says which port is taken and how to pick another", async () => {
    const { port } = new URL(studio.url);
    const error = await startStudio({ root, port: Number(port) }).then(
      (second) => second.close().then(() => undefined),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StudioPortInUseError);
    expect((error as Error).message).toMatch(new RegExp(`Port ${port} .* in use.*--port ${Number(port) + 1}`));
  });

  it("serves the page with CodeMirror bundled locally", async () => {
    const script = await fetch(new URL("/app.js", studio.url)).then((r) => r.text());
    expect(script.length).toBeGreaterThan(100_000);
    expect(script).not.toMatch(/https?:\/\/(cdn|unpkg|esm\.sh)/);
  });
});

describe("studio API on this checkout (trusted workspace packages)", () => {
  let own: RunningStudio;
  beforeAll(async () => {
    own = await startStudio({ root: join(import.meta.dirname, "../../..") });
  });
  afterAll(() => own.close());

  it("streams a workspace connector's vitest run", async () => {
    const response = await fetch(new URL("/api/connectors/hello-world/tests", own.url), { method: "POST" });
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const chunks: string[] = [];
    for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) chunks.push(chunk);
    const output = chunks.join("");
    expect(chunks.length).toBeGreaterThan(1);
    expect(output).toMatch(/Tests\s+\d+ passed/);
    expect(output.trimEnd().endsWith("[exit code 0]")).toBe(true);
  }, 300_000);

  it("runs a workspace connector in-process, or in the sandbox when asked", async () => {
    const run = (sandbox: boolean) => fetch(new URL("/api/connectors/hello-world/run", own.url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ hook: "processEvent", config: { name: "Ada" }, event: event(), sandbox }) }).then((r) => r.json());
    expect(await run(false)).toMatchObject({ ok: true, mode: "bundle", results: [{ output: { properties: { hello: "Hello Ada" } } }] });
    expect(await run(true)).toMatchObject({ ok: true, mode: "sandbox", results: [{ output: { properties: { hello: "Hello Ada" } } }] });
  });
});
