import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManifestError } from "@connectors/plugin-api";
import { describe, expect, it } from "vitest";
import { PluginLoadError } from "../errors.ts";
import { tempConnector } from "../test-support/temp-connector.ts";
import { listShippedFiles } from "./list-shipped-files.ts";
import { readPackageSnapshot } from "./read-package-snapshot.ts";
import { SupplyError } from "./supply-error.ts";
import { DEFAULT_SUPPLY_LIMITS, resolveSupplyLimits } from "./supply-limits.ts";

const manifest = (extra: object = {}) => ({ name: "Snap", description: "snapshot test", main: "index.ts", config: [], ...extra });
const code = "export function processEvent(event: any) { return event }";

/** A file outside every package, holding a marker that must never be read into a snapshot. */
function outsideFile(name = "outside.ts", contents = "export const SECRET = 'outside-marker'"): string {
  const file = join(mkdtempSync(join(tmpdir(), "outside-")), name);
  writeFileSync(file, contents);
  return file;
}

async function refusal(dir: string, options: Parameters<typeof readPackageSnapshot>[1] = {}): Promise<SupplyError> {
  const error = await readPackageSnapshot(dir, options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SupplyError);
  return error as SupplyError;
}

describe("readPackageSnapshot", () => {
  it("holds the package's regular files, leaves out node_modules/.git/reports, and validates plugin.json from memory", async () => {
    const dir = tempConnector({ "plugin.json": manifest(), "index.ts": code, "lib/x.ts": "export const x = 1", "node_modules/dep/index.js": "x", ".git/HEAD": "ref", ".vitest-report.json": "{}", "README.md": "# r" });
    const snapshot = await readPackageSnapshot(dir);
    expect([...snapshot.files.keys()].sort()).toEqual(["README.md", "index.ts", "lib/x.ts", "plugin.json"]);
    expect(snapshot).toMatchObject({ main: "index.ts", trusted: false, displayRoot: "", dir, manifest: { name: "Snap" } });
    expect(snapshot.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("marks workspace packages trusted, with their workspace path as display root", async () => {
    const snapshot = await readPackageSnapshot(join(import.meta.dirname, "../../../../plugins/hello-world"));
    expect(snapshot).toMatchObject({ trusted: true, displayRoot: "plugins/hello-world/", main: "index.ts" });
  });

  it("follows a symlink that stays inside the package to a regular file", async () => {
    const dir = tempConnector({ "plugin.json": manifest(), "index.ts": code, "lib/real.ts": "export const real = 1" });
    symlinkSync(join(dir, "lib/real.ts"), join(dir, "lib/alias.ts"));
    symlinkSync("lib/real.ts", join(dir, "relative-alias.ts"));
    const snapshot = await readPackageSnapshot(dir);
    expect(snapshot.files.get("lib/alias.ts")?.toString()).toBe("export const real = 1");
    expect(snapshot.files.get("relative-alias.ts")?.toString()).toBe("export const real = 1");
  });

  it.each([
    ["a source file", "lib/helper.ts"],
    ["CHANGELOG.md", "CHANGELOG.md"],
    ["README.md", "README.md"],
    ["a JSON data file", "data.json"],
  ])("refuses %s that is a symlink leaving the package, naming the file and the fix", async (_what, path) => {
    const dir = tempConnector({ "plugin.json": manifest(), "index.ts": code });
    mkdirSync(join(dir, "lib"), { recursive: true });
    symlinkSync(outsideFile(), join(dir, path));
    const error = await refusal(dir);
    expect(error.issues).toEqual([expect.objectContaining({ path, message: "is a symlink to a file outside the package", fix: expect.stringMatching(/copy the file into the package/) })]);
    expect(error.message).not.toContain("outside-marker");
  });

  it("refuses a symlinked lib folder, /proc files and device files", async () => {
    const dir = tempConnector({ "plugin.json": manifest(), "index.ts": code });
    symlinkSync(join(dir), join(dir, "lib"));
    symlinkSync("/proc/self/environ", join(dir, "environ.json"));
    symlinkSync("/dev/zero", join(dir, "zero.ts"));
    const error = await refusal(dir);
    expect(error.issues.map((issue) => [issue.path, issue.message])).toEqual([
      ["environ.json", "is a symlink to a file outside the package"],
      ["lib", "is a symlink to a directory"],
      ["zero.ts", "is a symlink to a file outside the package"],
    ]);
  });

  it("refuses a FIFO without blocking on it", async () => {
    const dir = tempConnector({ "plugin.json": manifest(), "index.ts": code });
    execFileSync("mkfifo", [join(dir, "pipe.ts")]);
    const error = await refusal(dir);
    expect(error.issues).toEqual([expect.objectContaining({ path: "pipe.ts", message: "is a FIFO (named pipe)" })]);
  });

  it("refuses a file over the per-file cap, a package over the total cap and one with too many files", async () => {
    const dir = tempConnector({ "plugin.json": manifest(), "index.ts": code, "big.json": "x".repeat(2000), "a.ts": "1", "b.ts": "2" });
    expect((await refusal(dir, { limits: { maxFileBytes: 1000 } })).issues).toEqual([expect.objectContaining({ path: "big.json", message: expect.stringMatching(/2000 bytes, over the 1000-byte limit per file/), fix: expect.stringMatching(/CONNECTORS_MAX_FILE_BYTES/) })]);
    expect((await refusal(dir, { limits: { maxTotalBytes: 1500 } })).issues[0]).toMatchObject({ message: expect.stringMatching(/over the 1500-byte limit for all files together/) });
    expect((await refusal(dir, { limits: { maxFiles: 3 } })).issues[0]).toMatchObject({ message: "the package has more than 3 files" });
  });

  it.each([
    ["main climbing out", { main: "../../../vitest.config.ts" }, "/main"],
    ["an absolute main", { main: "/etc/passwd.js" }, "/main"],
    ["an icon climbing out", { icon: "../../secret.png" }, "/icon"],
    ["an absolute icon", { icon: "/etc/passwd" }, "/icon"],
  ])("refuses %s in plugin.json", async (_what, extra, path) => {
    const dir = tempConnector({ "plugin.json": manifest(extra), "index.ts": code });
    const error = await readPackageSnapshot(dir).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).issues.some((issue) => issue.path === path && issue.severity === "error")).toBe(true);
  });

  it("warns about an icon that is not in the package and accepts URL icons", async () => {
    const missing = await readPackageSnapshot(tempConnector({ "plugin.json": manifest({ icon: "logo.png" }), "index.ts": code }));
    expect(missing.warnings).toContainEqual(expect.objectContaining({ path: "/icon", severity: "warning" }));
    const url = await readPackageSnapshot(tempConnector({ "plugin.json": manifest({ icon: "https://example.com/logo.png" }), "index.ts": code }));
    expect(url.warnings.filter((issue) => issue.path === "/icon")).toEqual([]);
  });

  it("fails clearly without plugin.json or without the entry file", async () => {
    await expect(readPackageSnapshot(tempConnector({ "index.ts": code }))).rejects.toThrow(/no plugin.json/);
    await expect(readPackageSnapshot(tempConnector({ "plugin.json": manifest() }))).rejects.toThrow(PluginLoadError);
  });

  it("keeps bundleDependencies from node_modules, and nothing else there", async () => {
    const dir = tempConnector({
      "plugin.json": manifest(),
      "index.ts": code,
      "package.json": { name: "p", dependencies: { kept: "1.0.0", other: "1.0.0" }, bundleDependencies: ["kept"] },
      "node_modules/kept/package.json": { name: "kept", main: "main.js" },
      "node_modules/kept/main.js": "module.exports = 1",
      "node_modules/other/index.js": "module.exports = 2",
    });
    const snapshot = await readPackageSnapshot(dir);
    expect([...snapshot.files.keys()].filter((path) => path.startsWith("node_modules/")).sort()).toEqual(["node_modules/kept/main.js", "node_modules/kept/package.json"]);
  });
});

describe("listShippedFiles", () => {
  it("takes package.json files (globs, folders, negations) plus what npm always ships and the connector's essentials", async () => {
    const dir = tempConnector({
      "plugin.json": manifest({ icon: "logo.png" }),
      "package.json": { name: "p", files: ["index.ts", "lib", "!lib/*.test.ts", "data/*.json"] },
      "index.ts": code,
      "lib/a.ts": "1",
      "lib/a.test.ts": "2",
      "data/x.json": "{}",
      "data/x.csv": "",
      "logo.png": "png",
      "README.md": "",
      "CHANGELOG.md": "",
      "LICENSE": "",
      "index.test.ts": "",
      "fixtures/e.json": "{}",
      ".npmrc": "secret",
    });
    expect(listShippedFiles(await readPackageSnapshot(dir))).toEqual(["CHANGELOG.md", "LICENSE", "README.md", "data/x.json", "index.ts", "lib/a.ts", "logo.png", "package.json", "plugin.json"]);
  });

  it("without files, ships everything but .npmignore'd and always-left-out names", async () => {
    const dir = tempConnector({ "plugin.json": manifest(), "index.ts": code, ".npmignore": "*.test.ts\nfixtures/\n", "index.test.ts": "", "fixtures/e.json": "{}", "lib/a.ts": "", "package-lock.json": "{}", "lib/.npmrc": "x" });
    expect(listShippedFiles(await readPackageSnapshot(dir))).toEqual(["index.ts", "lib/a.ts", "plugin.json"]);
  });

  it("matches npm pack for a real multi-file connector", async () => {
    const dir = join(import.meta.dirname, "../../../../plugins/laudspeaker");
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { files: string[] };
    const shipped = listShippedFiles(await readPackageSnapshot(dir));
    expect(shipped).toContain("lib/add-laudspeaker-extras.ts");
    expect(shipped.every((path) => path === "package.json" || pkg.files.some((entry) => path === entry || path.startsWith(`${entry}/`)))).toBe(true);
    expect(shipped).not.toContain("index.test.ts");
  });
});

describe("resolveSupplyLimits", () => {
  it("takes the defaults, then valid environment values, then the caller's", () => {
    expect(resolveSupplyLimits({}, {})).toEqual(DEFAULT_SUPPLY_LIMITS);
    const env = { CONNECTORS_MAX_FILE_BYTES: "10", CONNECTORS_MAX_ARCHIVE_ENTRIES: "-5", CONNECTORS_MAX_PACKAGE_FILES: "many" };
    expect(resolveSupplyLimits({}, env)).toMatchObject({ maxFileBytes: 10, maxEntries: DEFAULT_SUPPLY_LIMITS.maxEntries, maxFiles: DEFAULT_SUPPLY_LIMITS.maxFiles });
    expect(resolveSupplyLimits({ maxFileBytes: 99 }, env).maxFileBytes).toBe(99);
  });
});

describe("a legacy main naming the tsc output of a shipped .ts source", () => {
  it("runs the .ts source with a /main warning (legacy) and refuses it under the official rules", async () => {
    const dir = tempConnector({ "plugin.json": JSON.stringify(manifest({ main: "index.js" })), "index.ts": code });
    const snapshot = await readPackageSnapshot(dir, { strictness: "legacy" });
    expect(snapshot.main).toBe("index.ts");
    expect(snapshot.warnings.map((w) => w.path)).toContain("/main");
    await expect(readPackageSnapshot(dir, { strictness: "official" })).rejects.toBeInstanceOf(PluginLoadError);
  });

  it("still fails clearly when neither the file nor a .ts source exists", async () => {
    const dir = tempConnector({ "plugin.json": JSON.stringify(manifest({ main: "index.js" })), "other.ts": code });
    await expect(readPackageSnapshot(dir, { strictness: "legacy" })).rejects.toThrow(/has no entry file: expected "main": "index.js"/);
  });
});
