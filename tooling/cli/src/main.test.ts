import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scaffoldConnector } from "./commands/new.ts";
import { runCliForTest } from "./run-cli-for-test.ts";

const ROOT = join(import.meta.dirname, "../../..");

const cli = (...argv: string[]) => runCliForTest(ROOT, ...argv);

function tempConnector(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "connector-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("connectors run", () => {
  it("runs hello-world with a config and prints JSON", async () => {
    const { code, json } = await cli("run", "hello-world", "--config", '{"name":"Alice"}', "--json");
    expect(code).toBe(0);
    expect(json.ok).toBe(true);
    expect(json.result.properties.hello).toBe("Hello Alice");
  });

  it("runs a tutorial-style connector (plain index.js + plugin.json) from a directory, logs included", async () => {
    const dir = tempConnector({
      "plugin.json": JSON.stringify({ name: "Tutorial", config: [{ key: "greeting", type: "string", default: "Hi" }] }),
      "index.js": `async function processEvent(event, { config }) {\n  console.log("greeting", event.event)\n  event.properties = { ...event.properties, greeting: config.greeting }\n  return event\n}\nmodule.exports = { processEvent }\n`,
    });
    const { code, json } = await cli("run", dir, "--event", '{"event":"signup","distinct_id":"u1","team_id":2,"properties":{}}', "--json");
    expect(code).toBe(0);
    expect(json.result.properties).toEqual({ greeting: "Hi" });
    expect(json.logs).toMatchObject([{ level: "log", message: "greeting signup", source: "console" }]);
  });

  it("streams logs to stderr without --json", async () => {
    const dir = tempConnector({ "plugin.json": '{"name":"Logger"}', "index.js": `exports.processEvent = (e) => { console.warn("seen", e.distinct_id); return e }` });
    const { code, stderr, stdout } = await cli("run", dir);
    expect(code).toBe(0);
    expect(stderr).toMatch(/warn\s+seen user-1/);
    expect(stdout).toMatch(/^ok /);
  });

  it.each([
    ["an event that is not an object", ["--event", "[1]"], /processEvent needs an event object \(got number\)/],
    ["a config value of the wrong type", ["--config", '{"name":5}'], /config.name must be a string/],
    ["broken JSON", ["--config", "{name:5}"], /--config is not valid JSON/],
    ["an unknown hook", ["--hook", "nope"], /unknown hook "nope"/],
  ])("fails with a clear message and no stack for %s", async (_what, args, message) => {
    const { code, json } = await cli("run", "hello-world", ...args, "--json");
    expect(code).toBe(1);
    expect(json.ok).toBe(false);
    expect(json.error.message).toMatch(message);
    expect(json.error.message).not.toMatch(/\n\s+at /);
  });

  it("names the hook when it throws", async () => {
    const dir = tempConnector({ "plugin.json": '{"name":"Thrower"}', "index.js": `exports.processEvent = () => { throw new Error("boom") }` });
    const { code, stderr } = await cli("run", dir);
    expect(code).toBe(1);
    expect(stderr.split("\n")[0]).toBe(`error: Connector "${dir.split("/").at(-1)}" hook processEvent failed: Error: boom`);
    expect(stderr).toContain("    at exports.processEvent (index.js:1:38)\n");
  });

  it("times out a hook that never resolves", async () => {
    const dir = tempConnector({ "plugin.json": '{"name":"Hang"}', "index.js": `exports.processEvent = () => new Promise(() => {})` });
    const { code, json } = await cli("run", dir, "--timeout", "100", "--json");
    expect(code).toBe(1);
    expect(json.error.name).toBe("HookTimeoutError");
    expect(json.error.message).toMatch(/hook processEvent did not finish within 100 ms/);
  });

  it("refuses a forbidden import with PostHog's message", async () => {
    const dir = tempConnector({ "plugin.json": '{"name":"Fs"}', "index.js": `const fs = require("fs"); exports.processEvent = (e) => e` });
    const { code, json } = await cli("run", dir, "--json");
    expect(code).toBe(1);
    expect(json.error.message).toMatch(/Cannot import 'fs'! This package is not provided by PostHog in plugins./);
  });
});

describe("connectors validate", () => {
  it("accepts hello-world", async () => {
    expect((await cli("validate", "hello-world")).code).toBe(0);
  });

  it("lists every issue of a broken connector with its file and path", async () => {
    const dir = tempConnector({ "plugin.json": JSON.stringify({ config: [{ key: "mode", type: "choice" }, { key: "x", type: "number" }] }), "index.js": "" });
    const { code, json } = await cli("validate", dir, "--official", "--json");
    expect(code).toBe(1);
    expect(json.issues.map((i: { path: string }) => i.path)).toEqual(["/name", "/config/1/type"]);
    expect(json.issues[0].file).toBe(join(dir, "plugin.json"));
  });

  it("gives a directory outside plugins/ PostHog's leniency: a missing name stays an error, an unknown field type warns", async () => {
    const dir = tempConnector({ "plugin.json": JSON.stringify({ config: [{ key: "mode", type: "choice" }, { key: "x", type: "number" }] }), "index.js": "" });
    const { code, json } = await cli("validate", dir, "--json");
    expect(code).toBe(1);
    expect(json.issues.map((i: { path: string; severity: string }) => `${i.severity} ${i.path}`)).toEqual(expect.arrayContaining(["error /name", "warning /config/1/type"]));
    expect(json.issues).toHaveLength(2);
  });

  it("reports malformed JSON with line and column", async () => {
    const dir = tempConnector({ "plugin.json": '{"name": "x",}', "index.js": "" });
    const { code, stdout } = await cli("validate", dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/not valid JSON at line 1:14/);
  });
});

describe("connectors new", () => {
  function fakeWorkspace(): string {
    const root = mkdtempSync(join(tmpdir(), "workspace-"));
    mkdirSync(join(root, ".changeset"));
    cpSync(join(ROOT, "plugins/hello-world"), join(root, "plugins/hello-world"), { recursive: true, filter: (src) => !src.includes("node_modules") });
    return root;
  }

  it("copies the template under the new slug and package name, with a changeset", () => {
    const root = fakeWorkspace();
    const dir = scaffoldConnector(root, "demo");
    expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name).toBe("posthog-demo-plugin");
    expect(JSON.parse(readFileSync(join(dir, "plugin.json"), "utf8")).name).toBe("Demo");
    expect(readFileSync(join(dir, "index.test.ts"), "utf8")).toContain('describe("demo"');
    expect(readFileSync(join(root, ".changeset/demo-initial.md"), "utf8")).toContain('"posthog-demo-plugin": minor');
  });

  it.each([["Bad_Slug"], ["-x"], ["a--b"]])("refuses the invalid slug %s", (slug) => {
    expect(() => scaffoldConnector(fakeWorkspace(), slug)).toThrow(/is not a valid slug/);
  });

  it("refuses an existing slug", () => {
    expect(() => scaffoldConnector(fakeWorkspace(), "hello-world")).toThrow(/already exists/);
  });
});

describe("connectors run --json with jobs", () => {
  it("lists the jobs still queued when the hook finished", async () => {
    const dir = tempConnector({ "plugin.json": '{"name":"Later"}', "index.js": "exports.jobs = { later: () => {} }; exports.onEvent = async (e, { jobs }) => { await jobs.later({}).runIn(5, 'minutes') }" });
    const { code, json } = await cli("run", dir, "--hook", "onEvent", "--json");
    expect(code).toBe(0);
    expect(json.pendingJobs).toEqual([{ name: "later", runAt: expect.any(String) }]);
  });
});
