import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeTarGz } from "@connectors/harness";
import { beforeAll, describe, expect, it } from "vitest";
import { runCliForTest } from "./run-cli-for-test.ts";

const ROOT = join(import.meta.dirname, "../../..");

/** A throwaway workspace (its own pnpm-workspace.yaml), so installs land in <it>/.connectors/installed. */
function tempWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "cli-ws-"));
  writeFileSync(join(dir, "pnpm-workspace.yaml"), "packages: []\n");
  return dir;
}

const cli = runCliForTest;

/** `pnpm pack` of a real multi-file official connector (lib/ and a @connectors/connector-kit import). */
function packOfficial(slug: string): { tarball: string; files: string[] } {
  const out = mkdtempSync(join(tmpdir(), "packed-"));
  execFileSync("pnpm", ["pack", "--pack-destination", out], { cwd: join(ROOT, "plugins", slug), stdio: "pipe" });
  const tarball = join(out, readdirSync(out).find((name) => name.endsWith(".tgz"))!);
  const files = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).trim().split("\n").map((path) => path.replace(/^package\//, "")).sort();
  return { tarball, files };
}

describe("a packed multi-file connector installs and runs", () => {
  let workspace = "";
  let packed: { tarball: string; files: string[] };

  beforeAll(() => {
    workspace = tempWorkspace();
    packed = packOfficial("laudspeaker");
  });

  it("installs every file of the pnpm pack tarball", async () => {
    expect(packed.files).toContain("lib/add-laudspeaker-extras.ts");
    const { code, json } = await cli(workspace, "install", packed.tarball, "--json");
    expect(code).toBe(0);
    expect(json.slug).toBe("laudspeaker");
    expect(json.files).toEqual([...packed.files, ".install.json"]);
  });

  it("lists it with list --installed", async () => {
    const { json } = await cli(workspace, "list", "--installed", "--json");
    expect(json).toEqual([{ slug: "laudspeaker", name: "Laudspeaker", source: packed.tarball, dir: join(workspace, ".connectors", "installed", "laudspeaker") }]);
    expect((await cli(workspace, "list", "--installed")).stdout).toMatch(/^laudspeaker +Laudspeaker +\//);
  });

  it("runs it by slug, in the sandbox, toolkit and lib/ included", async () => {
    const responses = JSON.stringify([{ method: "POST", url: "https://api.laudspeaker.com/*", status: 200, json: {} }]);
    const { code, json, stdout } = await cli(workspace, "run", "laudspeaker", "--hook", "onEvent", "--config", '{"writeKey":"lk-secret-1"}', "--responses", responses, "--json");
    expect(code, stdout).toBe(0);
    expect(json.requests).toEqual([expect.objectContaining({ method: "POST", url: "https://api.laudspeaker.com/events/posthog", status: 200 })]);
    expect(stdout).not.toContain("lk-secret-1");
  });
});

describe("connectors run trust", () => {
  const probe = writeTarGz({
    "package/plugin.json": JSON.stringify({ name: "Probe", main: "index.js" }),
    "package/index.js": "globalThis.connectorsProbeRan = true; exports.processEvent = (e) => ({ ...e, properties: { inProcess: typeof globalThis.process !== 'undefined' } })",
  });

  it("runs a directory outside the workspace, a .tgz and an installed slug in the sandbox; in-process only with --trust", async () => {
    const workspace = tempWorkspace();
    const tgz = join(workspace, "probe-1.0.0.tgz");
    writeFileSync(tgz, probe);
    const sandboxed = await cli(workspace, "run", tgz, "--json");
    expect(sandboxed.json.result.properties).toEqual({ inProcess: false });
    expect((globalThis as { connectorsProbeRan?: boolean }).connectorsProbeRan).toBeUndefined();
    await cli(workspace, "install", tgz);
    expect((await cli(workspace, "run", "probe", "--json")).json.result.properties).toEqual({ inProcess: false });
    expect(readdirSync(workspace).sort()).toEqual([".connectors", "pnpm-workspace.yaml", "probe-1.0.0.tgz"]);
    const trusted = await cli(workspace, "run", tgz, "--trust", "--json");
    expect(trusted.json.result.properties).toEqual({ inProcess: true });
    delete (globalThis as { connectorsProbeRan?: boolean }).connectorsProbeRan;
  });

  it("runs workspace connectors in-process, and in the sandbox with --sandbox", async () => {
    expect((await cli(ROOT, "run", "hello-world", "--json")).json.result.properties.hello).toBe("Hello world");
    expect((await cli(ROOT, "run", "hello-world", "--sandbox", "--json")).json.result.properties.hello).toBe("Hello world");
  });

  it("says clearly when a slug is neither a workspace nor an installed connector", async () => {
    const { code, json } = await cli(tempWorkspace(), "run", "nothing-here", "--json");
    expect(code).toBe(1);
    expect(json.error.message).toMatch(/Cannot find connector "nothing-here"/);
  });
});

describe("connectors validate reads only the package", () => {
  it("reports a README that links outside the package, and checks code from outside the workspace in the sandbox", async () => {
    const dir = mkdtempSync(join(tmpdir(), "validate-"));
    writeFileSync(join(dir, "plugin.json"), JSON.stringify({ name: "Linked", description: "d", main: "index.js", config: [] }));
    writeFileSync(join(dir, "index.js"), "globalThis.connectorsValidateRan = true; exports.processEvent = (e) => e");
    const clean = await cli(ROOT, "validate", dir, "--json");
    expect(clean.json.issues.filter((issue: { severity: string }) => issue.severity === "error")).toEqual([]);
    expect((globalThis as { connectorsValidateRan?: boolean }).connectorsValidateRan).toBeUndefined();
    symlinkSync("/etc/hostname", join(dir, "README.md"));
    const linked = await cli(ROOT, "validate", dir, "--json");
    expect(linked.code).toBe(1);
    expect(linked.json.issues).toEqual([expect.objectContaining({ path: "README.md", message: "is a symlink to a file outside the package", file: join(dir, "README.md") })]);
  });
});
