import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PluginLoadError } from "../errors.ts";
import { createPackageSnapshot } from "../supply/package-snapshot.ts";
import { readPackageSnapshot } from "../supply/read-package-snapshot.ts";
import { tempConnector } from "../test-support/temp-connector.ts";
import { bundleConnector } from "./bundle-connector.ts";

const manifest = { name: "Bundled", description: "bundler test", main: "index.ts", config: [] };
const MARKER = "host-file-marker-7f3a";

/** A file next to (outside) the package, so `../outside.ts` from the package names it. */
function packageBeside(files: Record<string, string | object>): string {
  const dir = tempConnector({ "plugin.json": manifest, ...files });
  writeFileSync(join(dir, "..", `outside-${MARKER}.ts`), `export const leaked = "${MARKER}"`);
  writeFileSync(join(dir, "..", "outside.txt"), MARKER);
  return dir;
}

async function bundleError(files: Record<string, string | object>): Promise<string> {
  const snapshot = await readPackageSnapshot(packageBeside(files));
  const error = await bundleConnector(snapshot).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PluginLoadError);
  expect((error as Error).message).not.toContain(MARKER.repeat(2));
  return (error as Error).message;
}

const hook = "export function processEvent(event: any) { return { ...event, properties: { ...event.properties, value } } }";

describe("bundleConnector reads only the package snapshot", () => {
  it.each([
    ["text", `import value from "../../../../proc/self/environ" with { type: "text" }; ${hook}`, /import attribute \{ type: "text" \} is not allowed/],
    ["text inside the package", `import value from "./notes.txt" with { type: "text" }; ${hook}`, /import attribute \{ type: "text" \} is not allowed/],
    ["bytes", `import value from "./notes.txt" with { type: "bytes" }; ${hook}`, /import attribute \{ type: "bytes" \} is not allowed/],
    ["file", `import value from "./notes.txt" with { type: "file" }; ${hook}`, /import attribute \{ type: "file" \} is not allowed/],
    ["a custom key", `import value from "./data.json" with { type: "json", loader: "text" }; ${hook}`, /is not allowed/],
  ])("refuses the %s import attribute", async (_what, source, message) => {
    expect(await bundleError({ "index.ts": source, "notes.txt": "hello", "data.json": "{}" })).toMatch(message);
  });

  it.each([
    ["../ to a file beside the package", `import { leaked as value } from "../outside-${MARKER}.ts"; ${hook}`],
    ["deep ../ to /proc", `import value from "../../../../../../../../proc/self/environ"; ${hook}`],
    ["../ from a lib file", `import { value } from "./lib/x.ts"; ${hook}`, { "lib/x.ts": `export { leaked as value } from "../../outside-${MARKER}.ts"` }],
    ["require of ../", `const value = require("../outside.txt"); ${hook}`],
    ["dynamic import of ../", `const value = import("../outside-${MARKER}.ts"); ${hook}`],
  ])("refuses an import of %s, naming the file and the fix", async (_what, source, extra: Record<string, string> = {}) => {
    expect(await bundleError({ "index.ts": source, ...extra })).toMatch(/points outside the package\. Fix: connectors may import only files inside their own package/);
  });

  it("refuses absolute imports and non-code files", async () => {
    expect(await bundleError({ "index.ts": `import value from "/etc/passwd"; ${hook}` })).toMatch(/absolute paths are not allowed/);
    expect(await bundleError({ "index.ts": `import value from "./notes.txt"; ${hook}`, "notes.txt": "x" })).toMatch(/only TypeScript, JavaScript and JSON files can be imported/);
  });

  it("resolves relative imports, .js-to-.ts, index files and JSON (with and without the json attribute) from the snapshot", async () => {
    const snapshot = await readPackageSnapshot(
      tempConnector({
        "plugin.json": manifest,
        "index.ts": `import a from "./data.json" with { type: "json" }; import b from "./more.json"; import { c } from "./lib/c.js"; import { d } from "./lib"; export function processEvent(e: any) { return { ...e, properties: { a: a.a, b: b.b, c, d } } }`,
        "data.json": { a: 1 },
        "more.json": { b: 2 },
        "lib/c.ts": "export const c = 3",
        "lib/index.ts": "export const d = 4",
      }),
    );
    const bundle = await bundleConnector(snapshot);
    expect(bundle.inputs.sort()).toEqual(["data.json", "index.ts", "lib/c.ts", "lib/index.ts", "more.json"]);
    const module = { exports: {} as { processEvent: (e: object) => { properties: object } } };
    new Function("module", "exports", "require", bundle.code)(module, module.exports, () => ({}));
    expect(module.exports.processEvent({}).properties).toEqual({ a: 1, b: 2, c: 3, d: 4 });
  });

  it("bundles a snapshot that never was on disk", async () => {
    const files = new Map([
      ["plugin.json", Buffer.from(JSON.stringify(manifest))],
      ["index.ts", Buffer.from(`import { x } from "./lib/x.ts"; export const processEvent = (e: any) => ({ ...e, x })`)],
      ["lib/x.ts", Buffer.from("export const x = 42")],
    ]);
    const bundle = await bundleConnector(createPackageSnapshot(files, { label: "memory" }));
    expect(bundle.code).toContain("42");
    expect(JSON.parse(bundle.sourceMap).sources.sort()).toEqual(["index.ts", "lib/x.ts"]);
  });

  it("refuses bare imports an untrusted package does not bundle, and uses its bundled node_modules", async () => {
    const files = {
      "index.ts": `import pad from "left-pad"; import { v } from "scoped-pkg/sub"; export const processEvent = (e: any) => ({ ...e, padded: pad("x", 3), v })`,
      "package.json": { name: "p", dependencies: { "left-pad": "1.0.0", "scoped-pkg": "1.0.0" }, bundleDependencies: ["left-pad", "scoped-pkg"] },
      "node_modules/left-pad/package.json": { name: "left-pad", main: "lib/pad.js" },
      "node_modules/left-pad/lib/pad.js": "module.exports = (s, n) => s.padStart(n)",
      "node_modules/scoped-pkg/package.json": { name: "scoped-pkg", exports: { "./sub": { require: "./sub.cjs", default: "./sub.js" } } },
      "node_modules/scoped-pkg/sub.cjs": "exports.v = 'cjs'",
      "node_modules/scoped-pkg/sub.js": "export const v = 'esm'",
    };
    const bundle = await bundleConnector(await readPackageSnapshot(packageBeside(files)));
    expect(bundle.code).toContain("padStart");
    expect(bundle.inputs).toContain("node_modules/scoped-pkg/sub.js");
    expect(await bundleError({ "index.ts": `import x from "not-bundled"; export const processEvent = (e: any) => x(e)` })).toMatch(/Cannot import 'not-bundled'!.*not a workspace package may use only host modules, the connectors toolkit and packages bundled/s);
  });

  it("takes the toolkit from the harness, never from the package's own node_modules", async () => {
    const files = {
      "index.ts": `import { getValue } from "@connectors/connector-kit"; export const processEvent = (e: any) => ({ ...e, v: getValue(e, "properties.x") })`,
      "package.json": { name: "p", dependencies: { "@connectors/connector-kit": "1.0.0" }, bundleDependencies: ["@connectors/connector-kit"] },
      "node_modules/@connectors/connector-kit/package.json": { name: "@connectors/connector-kit", main: "index.js" },
      "node_modules/@connectors/connector-kit/index.js": `exports.getValue = () => "${MARKER}"`,
    };
    const bundle = await bundleConnector(await readPackageSnapshot(packageBeside(files)));
    expect(bundle.code).not.toContain(MARKER);
    expect(JSON.parse(bundle.sourceMap).sources).toContain("tooling/connector-kit/src/get-value.ts");
  });

  it("refuses undeclared packages in a trusted package and node built-ins everywhere", async () => {
    const dir = tempConnector({ "plugin.json": manifest, "index.ts": `import x from "detect-browser"; export const processEvent = (e: any) => x`, "package.json": { name: "p" } });
    await expect(bundleConnector(await readPackageSnapshot(dir, { trust: true }))).rejects.toThrow(/Cannot import 'detect-browser'!.*add it to the connector's package.json dependencies/);
    expect(await bundleError({ "index.ts": `import { execSync } from "node:child_process"; export const processEvent = (e: any) => execSync` })).toMatch(/Cannot import 'node:child_process'!/);
  });

  it("bundles a workspace connector's declared dependency and the toolkit from disk, with workspace source names", async () => {
    const bundle = await bundleConnector(await readPackageSnapshot(join(import.meta.dirname, "../../../../plugins/user-agent")));
    const sources = JSON.parse(bundle.sourceMap).sources as string[];
    expect(sources).toContain("plugins/user-agent/index.ts");
    expect(sources.some((source) => /node_modules\/.*detect-browser/.test(source))).toBe(true);
  });

  it("names a workspace connector's files by their workspace path in bundling errors", async () => {
    const snapshot = await readPackageSnapshot(join(import.meta.dirname, "../../../legacy-fixtures/connectors/bad-syntax-error"));
    await expect(bundleConnector(snapshot)).rejects.toThrow(/\n {2}tooling\/legacy-fixtures\/connectors\/bad-syntax-error\/index\.js:\d+:\d+: /);
  });

  it("re-bundles when the snapshot changes and reuses the bundle when it does not", async () => {
    const dir = tempConnector({ "plugin.json": manifest, "index.ts": "export const processEvent = (e: any) => ({ ...e, v: 1 })" });
    const first = await bundleConnector(await readPackageSnapshot(dir));
    expect(await bundleConnector(await readPackageSnapshot(dir))).toBe(first);
    writeFileSync(join(dir, "index.ts"), "export const processEvent = (e: any) => ({ ...e, v: 2 })");
    expect((await bundleConnector(await readPackageSnapshot(dir))).code).toContain("v: 2");
  });
});
