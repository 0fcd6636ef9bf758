import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runConformance } from "@connectors/testkit";
import { describe, expect, it } from "vitest";
import { validateConnectorDir } from "./commands/validate.ts";
import { main } from "./main.ts";

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), "import-ws-"));
  writeFileSync(join(root, "pnpm-workspace.yaml"), "packages:\n  - plugins/*\n");
  copyFileSync(join(import.meta.dirname, "../../../tsconfig.base.json"), join(root, "tsconfig.base.json"));
  mkdirSync(join(root, "plugins"));
  return root;
}

function sourceEditor(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "source-editor-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), typeof text === "string" ? text : JSON.stringify(text));
  return dir;
}

async function cli(root: string, ...argv: string[]) {
  let stdout = "";
  const code = await main([...argv, "--json"], { stdout: (t) => void (stdout += t), stderr: () => {}, cwd: root });
  return { code, json: JSON.parse(stdout) };
}

const SOURCE_TS = `export async function processEvent(event, { config }) {
    if (!event.properties) return event
    event.properties.plan_label = config.prefix + (event.properties.$browser ?? 'unknown')
    return event
}
`;
const CONFIG = [{ key: "prefix", name: "Prefix", type: "string", required: true, hint: "put before the browser" }];

describe("connectors import", () => {
  it("turns index.ts + config.json into a workspace package that passes conformance", async () => {
    const root = workspace();
    const src = sourceEditor({ "index.ts": SOURCE_TS, "config.json": CONFIG });
    const { code, json } = await cli(root, "import", src, "--name", "browser-label", "--config", JSON.stringify({ prefix: "b:" }));
    expect(code).toBe(0);
    const dir = join(root, "plugins", "browser-label");
    expect(json).toMatchObject({ ok: true, slug: "browser-label", dir, methods: ["processEvent"] });
    expect(readdirSync(dir).sort()).toEqual(["CHANGELOG.md", "README.md", "fixtures", "index.test.ts", "index.ts", "package.json", "plugin.json", "tsconfig.json", "vitest.config.ts"]);
    expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))).toMatchObject({ name: "posthog-browser-label-plugin", version: "0.1.0", devDependencies: { "@connectors/testkit": "workspace:*" } });
    expect(JSON.parse(readFileSync(join(dir, "plugin.json"), "utf8"))).toMatchObject({ name: "Browser Label", main: "index.ts", categories: ["transformation"], config: CONFIG, allowedHosts: [] });
    expect(readFileSync(join(dir, "index.test.ts"), "utf8")).toContain(`"plan_label":"b:Chrome"`);
    expect(readFileSync(join(root, ".changeset", "browser-label-initial.md"), "utf8")).toContain(`"posthog-browser-label-plugin": minor`);
    const report = await runConformance(dir);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect((await validateConnectorDir(dir)).filter((i) => i.severity === "error")).toEqual([]);
  });

  it("imports a 2021-style index.js with module.exports, RetryError and global fetch", async () => {
    const root = workspace();
    const src = sourceEditor({
      "index.js": "async function onEvent(event, { config }) {\n  const res = await fetch('https://hooks.example.com/' + config.path, { method: 'POST', body: JSON.stringify(event) })\n  if (!res.ok) throw new RetryError('later')\n}\nmodule.exports = { onEvent }\n",
      "plugin.json": { name: "Hook Sender", config: [{ key: "path", type: "string", default: "in" }] },
    });
    const { code, json } = await cli(root, "import", src, "--name", "hook-sender");
    expect(code).toBe(0);
    expect(json.warnings.join(" ")).toMatch(/global `fetch`/);
    const manifest = JSON.parse(readFileSync(join(root, "plugins", "hook-sender", "plugin.json"), "utf8"));
    expect(manifest).toMatchObject({ name: "Hook Sender", main: "index.js", allowedHosts: ["hooks.example.com"], categories: ["destination"] });
    expect(readFileSync(join(root, "plugins", "hook-sender", "index.js"), "utf8")).toMatch(/^import \{ RetryError \} from "@posthog\/plugin-scaffold";/);
  });

  it.each([
    ["no code file", { "config.json": [] }, /has no index.ts or index.js/],
    ["a config that is not an array", { "index.js": "exports.processEvent = (e) => e", "config.json": { a: 1 } }, /config must be a JSON array/],
    ["a syntax error", { "index.js": "exports.processEvent = (e) => {" }, /Cannot load .*index.js/],
    ["nothing runnable", { "index.js": "module.exports = { x: 1 }" }, /exports nothing runnable/],
  ])("fails clearly on %s and writes nothing", async (_what, files, message) => {
    const root = workspace();
    const { code, json } = await cli(root, "import", sourceEditor(files), "--name", "broken");
    expect(code).toBe(1);
    expect(json.error.message).toMatch(/^Cannot import /);
    expect(json.error.message).toMatch(message);
    expect(readdirSync(join(root, "plugins"))).toEqual([]);
    expect(existsSync(join(root, ".changeset"))).toBe(false);
  });

  it("refuses an existing slug and an invalid one", async () => {
    const root = workspace();
    mkdirSync(join(root, "plugins", "taken"));
    const src = sourceEditor({ "index.ts": SOURCE_TS, "config.json": CONFIG });
    expect((await cli(root, "import", src, "--name", "taken")).json.error.message).toMatch(/plugins\/taken already exists/);
    expect((await cli(root, "import", src, "--name", "Bad Name")).json.error.message).toMatch(/not a valid slug/);
  });
});
