import { describe, expect, it } from "vitest";
import { createContext } from "../testing/create-context.ts";
import { STATIC_CHECKS } from "./index.ts";

const manifest = (extra: object = {}) => JSON.stringify({ name: "Sample", main: "index.ts", allowedHosts: [], config: [], ...extra }, null, 2);

function errors(files: Record<string, string>, overrides = {}) {
  const ctx = createContext("sample", { "plugin.json": manifest(), ...files }, overrides);
  return STATIC_CHECKS.flatMap((check) => check(ctx)).filter((f) => f.severity === "error" && f.category === "security");
}

function rulesOf(index: string, extra: Record<string, string> = {}) {
  return [...new Set(errors({ "index.ts": index, ...extra }).map((f) => f.rule))];
}

/** Each evasion class of the trust-chain issue, with a connector the review must catch. */
describe("recall: code generation by value, not by spelling", () => {
  it.each([
    ["the Function constructor through a function's prototype", `export function onEvent(e: any) { Object.getPrototypeOf(function () {}).constructor(e.properties.code)(); }`],
    ["the AsyncFunction constructor", `const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;\nexport async function onEvent(e: any) { await new AsyncFunction(e.event)(); }`],
    ["the GeneratorFunction constructor", `const G = Object.getPrototypeOf(function* () {}).constructor;\nexport function onEvent(e: any) { G(e.event)().next(); }`],
    ["the AsyncGeneratorFunction constructor through __proto__", `const A = (async function* () {}).__proto__.constructor;\nexport function onEvent(e: any) { A(e.event); }`],
    ["indirect eval", `export function onEvent(e: any) { (0, eval)(e.event); }`],
    ["an alias of eval", `const run = eval;\nexport function onEvent(e: any) { run(e.event); }`],
    ["eval read off globalThis by a computed name", `const g = globalThis;\nexport function onEvent(e: any) { g["ev" + "al"](e.event); }`],
    ["[][\"constructor\"][\"constructor\"]", `export function onEvent(e: any) { [][\"constructor\"][\"constructor\"](e.event)(); }`],
    ["a constructor name built by concatenation", `const c = "con" + "struc" + "tor";\nexport function onEvent(e: any) { ({})[c][c](e.event)(); }`],
    ["a constructor name built by a template literal", `const part = "struct";\nexport function onEvent(e: any) { (() => 1)[\`con\${part}or\`](e.event)(); }`],
    ["a constructor name built by String.fromCharCode", `const k = String.fromCharCode(99, 111, 110, 115, 116, 114, 117, 99, 116, 111, 114);\nexport function onEvent(e: any) { [][k][k](e.event)(); }`],
    ["a constructor name built by an array join", `const k = ["con", "str", "uctor"].join("");\nexport function onEvent(e: any) { [][k][k](e.event)(); }`],
    ["a constructor name reversed and mapped from char codes", `const k = [114,111,116,99,117,114,116,115,110,111,99].map((c) => String.fromCharCode(c)).reverse().join("");\nexport function onEvent(e: any) { ""[k][k](e.event)(); }`],
    ["Reflect.get", `export function onEvent(e: any) { Reflect.get(Reflect.get([], "constructor"), "constructor")(e.event)(); }`],
    ["destructuring the constructor", `const { constructor } = function () {};\nexport function onEvent(e: any) { constructor(e.event)(); }`],
    ["nested destructuring", `const { constructor: { constructor: F } } = [];\nexport function onEvent(e: any) { F(e.event)(); }`],
    ["a helper that returns the constructor", `const ctorOf = (value: any, key: string) => value[key];\nexport function onEvent(e: any) { ctorOf(ctorOf([], "constructor"), "constructor")(e.event)(); }`],
    ["the constructor of an unknown value", `export function onEvent(e: any, meta: any) { meta.global.fn.constructor(e.event)(); }`],
    ["WebAssembly compilation", `export async function onEvent(e: any) { await WebAssembly.instantiate(new Uint8Array(e.properties.bytes)); }`],
    ["a string timer", `const code = "globalThis.x = 1";\nexport function onEvent() { setTimeout(code, 1); }`],
  ])("catches %s", (_name, index) => {
    expect(rulesOf(index)).toContain("security/no-eval");
  });

  it("names the package file whose text is compiled at run time", () => {
    const found = errors({
      "index.ts": `import manifest from "./plugin.json" with { type: "json" };\nconst F = Function;\nexport function setupPlugin() { new F(manifest.description)(); }`,
      "plugin.json": manifest({ description: "globalThis.process.exit()" }),
    });
    expect(found.map((f) => f.message)).toContain("compiles code read from the package file ./plugin.json at run time");
  });
});

describe("recall: host access through computed names and aliases of the global object", () => {
  it.each([
    ["process by a concatenated name", `export function setupPlugin(meta: any) { meta.global.env = globalThis["pro" + "cess"].env; }`],
    ["process through an alias of global", `const root = global;\nexport function setupPlugin(meta: any) { meta.global.env = root.process.env; }`],
    ["process through self", `export function setupPlugin(meta: any) { meta.global.pid = self["process"].pid; }`],
    ["process through top-level this", `const host = this;\nexport function setupPlugin(meta: any) { meta.global.env = host.process.env; }`],
    ["process through Reflect.get", `export function setupPlugin(meta: any) { meta.global.env = Reflect.get(globalThis, "process").env; }`],
    ["process destructured from globalThis", `const { process: p } = globalThis;\nexport function setupPlugin(meta: any) { meta.global.env = p.env; }`],
    ["a global read by a name the review cannot know", `export function setupPlugin(meta: any) { meta.global.x = globalThis[meta.config.name]; }`],
    ["require through an alias", `const load = require;\nexport function setupPlugin() { load("child_process").execSync("id"); }`],
    ["require read off globalThis", `export function setupPlugin() { globalThis["req" + "uire"]("fs"); }`],
  ])("catches %s", (_name, index) => {
    expect(rulesOf(index)).toContain("security/no-process-access");
  });

  it("catches dynamic import and require with a computed name, naming the module it resolves to", () => {
    expect(rulesOf(`export async function setupPlugin() { await import("node:" + "child_process"); }`)).toContain("security/no-dynamic-import");
    const found = errors({ "index.ts": `const name = ["child", "process"].join("_");\nexport function setupPlugin() { require(name).execSync("id"); }` });
    expect(found.map((f) => `${f.rule} ${f.message}`)).toContain("security/forbidden-modules imports `child_process`, which gives access to the host (processes, files, network or code evaluation)");
  });
});

describe("recall: unbounded growth in hooks", () => {
  it.each([
    ["a module-level array", `const seen: string[] = [];\nexport function processEvent(e: any) { seen.push(e.uuid); return e; }`],
    ["a module-level string", `let log = "";\nexport function onEvent(e: any) { log += e.event; }`],
    ["a module-level object used as a map", `const counts: Record<string, number> = {};\nexport function processEvent(e: any) { counts[e.distinct_id] = (counts[e.distinct_id] ?? 0) + 1; return e; }`],
    ["meta.global through a helper", `function remember(meta: any, id: string) { meta.global.ids.add(id); }\nexport function setupPlugin(meta: any) { meta.global.ids = new Set(); }\nexport function processEvent(e: any, meta: any) { remember(meta, e.uuid); return e; }`],
    ["a spread copy that keeps everything", `let all: any[] = [];\nexport function onEvent(e: any) { all = [...all, e]; }`],
  ])("catches %s", (_name, index) => {
    expect(rulesOf(index)).toContain("security/unbounded-allocation");
  });

  it("passes buffers that are flushed, capped or evicted", () => {
    const index = `
let buffer: any[] = [];
const seen = new Set<string>();
const recent: string[] = [];
function flush() { const batch = buffer; buffer = []; return batch; }
export function processEvent(e: any, { global }: any) {
  buffer.push(e);
  if (buffer.length >= 100) flush();
  if (seen.size > 10_000) seen.clear();
  seen.add(e.uuid);
  recent.push(e.uuid);
  if (recent.length > 50) recent.shift();
  global.lastSeen = e.timestamp;
  return e;
}`;
    expect(rulesOf(index)).toEqual([]);
  });

  it("catches loops bounded by event data and constant-true loops", () => {
    expect(rulesOf(`export function processEvent(e: any) { for (let i = 0; i < e.properties.n; i++) e.properties["k" + i] = i; return e; }`)).toContain("security/unbounded-loops");
    expect(rulesOf(`export function processEvent(e: any) { while (true) { e.x = 1; } }`)).toContain("security/unbounded-loops");
  });
});

describe("recall: ordinary official code is not flagged", () => {
  it("passes constructor checks, instanceof Function, typeof process, a local `process` and Object.getPrototypeOf on data", () => {
    const index = `
import { createHash } from "node:crypto";
function isPlainObject(value: unknown) { return typeof value === "object" && value !== null && (value as object).constructor === Object; }
export function processEvent(e: any, meta: any) {
  const process = (x: any) => x;
  if (typeof meta.config.transform === "function" || meta.config.transform instanceof Function) return e;
  const proto = Object.getPrototypeOf(e.properties ?? {});
  e.properties.plain = isPlainObject(e.properties) && proto === Object.prototype;
  e.properties.hash = createHash("sha256").update(String(e.distinct_id)).digest("hex");
  return process(e);
}`;
    expect(rulesOf(index)).toEqual([]);
  });
});

describe("recall: files, manifest paths and imports", () => {
  it("flags a non-image binary file and leaves a PNG icon alone", () => {
    const ctx = createContext("sample", { "plugin.json": manifest({ icon: "logo.png" }), "index.ts": "export function onEvent() {}" });
    ctx.files.push({ file: "plugins/sample/payload.wasm", size: 8, binary: true, image: false, tooLarge: false, text: "" }, { file: "plugins/sample/logo.png", size: 8, binary: true, image: true, tooLarge: false, text: "" });
    const found = STATIC_CHECKS.flatMap((check) => check(ctx)).filter((f) => f.rule === "security/unreviewable-file");
    expect(found.map((f) => `${f.severity} ${f.file}`)).toEqual(["error plugins/sample/payload.wasm"]);
  });

  it("flags files the supply step refused (a symlink leaving the package)", () => {
    const found = errors({ "index.ts": "export function onEvent() {}" }, { refusedFiles: [{ file: "plugins/sample/lib/env.ts", message: "is a symlink to a file outside the package", fix: "copy it" }] });
    expect(found.map((f) => `${f.rule} ${f.file} ${f.message}`)).toContain("security/package-files plugins/sample/lib/env.ts is a symlink to a file outside the package");
  });

  it("flags main and icon paths outside the package", () => {
    const found = errors({ "plugin.json": manifest({ main: "../../vitest.config.ts", icon: "../../../etc/hostname" }), "index.ts": "export function onEvent() {}" });
    expect(found.filter((f) => f.rule === "security/package-files").map((f) => f.message)).toEqual([
      '"main": "../../vitest.config.ts" names a file outside the package',
      '"icon": "../../../etc/hostname" names a file outside the package',
    ]);
  });

  it("flags imports that leave the package, absolute paths, non-json import attributes and non-code files", () => {
    const index = `
import env from "../../../../proc/self/environ" with { type: "text" };
import notes from "./NOTES.md";
import data from "./data.json" with { type: "json" };
import shadow from "/etc/shadow";
export function onEvent() { return [env, notes, data, shadow]; }`;
    const found = errors({ "index.ts": index, "data.json": "{}", "NOTES.md": "# x" }).filter((f) => f.rule === "security/package-files").map((f) => `${f.line} ${f.message}`);
    expect(found).toEqual([
      '2 imports `../../../../proc/self/environ` with `type: "text"`: only `type: "json"` is allowed',
      "2 imports `../../../../proc/self/environ`, which leaves the package",
      "3 imports `./NOTES.md`, a .md file, as code or text",
      "5 imports `/etc/shadow`, a path outside the package",
    ]);
  });

  it("flags lifecycle scripts and a workspace package taken from a registry", () => {
    const pkg = JSON.stringify({ name: "posthog-sample-plugin", version: "0.1.0", description: "x", license: "MIT", author: "a", scripts: { prepare: "node x.js", test: "vitest" }, devDependencies: { "@connectors/connector-kit": "^1.0.0", "@connectors/testkit": "workspace:*" } });
    const found = errors({ "package.json": pkg, "index.ts": "export function onEvent() {}" }).filter((f) => f.rule === "security/new-dependencies").map((f) => f.message);
    expect(found).toEqual([
      "devDependencies `@connectors/connector-kit` is a workspace package of this repository, but `^1.0.0` takes it from a registry (whoever publishes that name there decides what runs)",
      "package.json has a `prepare` script, which runs on every install",
    ]);
  });
});

describe("recall: manifest defaults and capability changes", () => {
  const configErrors = (config: object[], allowedHosts: string[] = []) =>
    STATIC_CHECKS.flatMap((check) => check(createContext("sample", { "plugin.json": manifest({ allowedHosts, config }), "index.ts": "export function onEvent() {}" }))).filter((f) => f.rule === "manifest/config-defaults").map((f) => `${f.severity} ${f.message}`);

  it("flags a pattern default on a url field that would widen allowedHosts: []", () => {
    expect(configErrors([{ key: "endpoint", name: "Endpoint", hint: "h", format: "url", default: "https://*.com" }])).toEqual([
      'error config field "endpoint" defaults to the pattern `https://*.com`; a url value adds one host exactly as given, and a pattern would widen egress to every matching host',
    ]);
  });

  it("flags an optional default host allowedHosts does not declare, and passes a declared one", () => {
    const field = { key: "host", name: "Host", hint: "h", format: "url", default: "https://app.posthog.com" };
    expect(configErrors([field])).toHaveLength(1);
    expect(configErrors([field], ["app.posthog.com"])).toEqual([]);
  });

  const published = { allowedHosts: ["api.example.com"], secrets: ["apiKey"], hostFields: [], scheduled: [], jobs: ["retry"], hooks: ["onEvent"] };
  const widened = () => ({
    "plugin.json": manifest({ allowedHosts: ["api.example.com", "*.evil.example"], config: [{ key: "apiKey", name: "Key", hint: "h", secret: true }, { key: "awsSecret", name: "Secret", hint: "h", secret: true }] }),
    "index.ts": `import { beat } from "./lib/beat.ts";\nexport { beat as runEveryMinute };\nexport const jobs = { retry: async () => {}, exfiltrate: async () => {} };\nexport function onEvent() {}`,
    "lib/beat.ts": "export async function beat() {}",
  });

  it("flags widened egress, a new secret, a new scheduled task and a new job against the published version", () => {
    const ctx = createContext("sample", widened(), { status: "modified", base: { capabilities: published, label: "main" } });
    const [finding] = STATIC_CHECKS.flatMap((check) => check(ctx)).filter((f) => f.rule === "manifest/capability-change");
    expect(finding?.severity).toBe("error");
    expect(finding?.message).toMatch(/^widens what the published version \(main\) may do: egress to `\*\.evil\.example`; new secret config `awsSecret`; new scheduled tasks `runEveryMinute`; new jobs `exfiltrate` \[cap-[0-9a-f]{12}\]$/);
  });

  it("keeps an acknowledged change as a note, and a further widening needs a new acknowledgement", () => {
    const first = createContext("sample", widened(), { status: "modified", base: { capabilities: published } });
    const token = /\[(cap-[0-9a-f]{12})\]/.exec(STATIC_CHECKS.flatMap((check) => check(first)).find((f) => f.rule === "manifest/capability-change")!.message)![1]!;
    const acknowledged = createContext("sample", widened(), { status: "modified", base: { capabilities: published }, acknowledgedCapabilities: [token] });
    expect(STATIC_CHECKS.flatMap((check) => check(acknowledged)).find((f) => f.rule === "manifest/capability-change")?.severity).toBe("info");
    const more = { ...widened(), "plugin.json": manifest({ allowedHosts: ["api.example.com", "*.evil.example", "169.254.169.254"], config: [{ key: "apiKey", name: "Key", hint: "h", secret: true }, { key: "awsSecret", name: "Secret", hint: "h", secret: true }] }) };
    const again = createContext("sample", more, { status: "modified", base: { capabilities: published }, acknowledgedCapabilities: [token] });
    expect(STATIC_CHECKS.flatMap((check) => check(again)).find((f) => f.rule === "manifest/capability-change")?.severity).toBe("error");
  });
});

describe("security/allowed-imports", () => {
  const imports = (index: string, packageJson: object = { name: "posthog-sample-plugin", version: "1.0.0" }) =>
    errors({ "index.ts": index }, { packageJson }).filter((f) => f.rule === "security/allowed-imports").map((f) => f.message);

  it("accepts the connectors toolkit without a dependency entry (the harness provides it, bundles inline it)", () => {
    expect(imports(`import { runQuery } from "@connectors/connector-kit/pg";\nimport { signRequest } from "@connectors/aws-sigv4";\nexport function onEvent() { return [runQuery, signRequest]; }`)).toEqual([]);
  });

  it("flags a package that is neither a host module, the toolkit nor a declared dependency", () => {
    expect(imports(`import pad from "left-pad";\nexport function onEvent() { return pad; }`)).toEqual(["imports `left-pad`, which is neither provided by the host, the connectors toolkit nor a declared dependency"]);
    expect(imports(`import pad from "left-pad";\nexport function onEvent() { return pad; }`, { name: "x", version: "1.0.0", dependencies: { "left-pad": "1.3.0" } })).toEqual([]);
  });
});
