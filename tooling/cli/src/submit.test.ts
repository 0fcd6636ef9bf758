import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "./main.ts";

let root: string;
let source: string;

function write(base: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(base, path)), { recursive: true });
    writeFileSync(join(base, path), text);
  }
}

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: root });
  return { code, stdout, stderr };
}

const manifest = JSON.stringify({ name: "Acme Sync", description: "Sends events to Acme.", main: "index.ts", allowedHosts: ["api.acme.example"], config: [] });
const clean = `export async function onEvent(event: any, { fetch }: any) { await fetch("https://api.acme.example/v1", { method: "POST", body: event.event, signal: AbortSignal.timeout(5000) }); }\n`;

beforeEach(() => {
  for (const [name, value] of Object.entries({ GIT_AUTHOR_NAME: "S", GIT_AUTHOR_EMAIL: "s@example.com", GIT_COMMITTER_NAME: "S", GIT_COMMITTER_EMAIL: "s@example.com" })) vi.stubEnv(name, value);
  root = mkdtempSync(join(tmpdir(), "cli-submit-repo-"));
  write(root, { "pnpm-workspace.yaml": 'packages:\n  - "plugins/*"\n', "README.md": "# repo\n" });
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: root });
  execFileSync("git", ["add", "-A"], { cwd: root });
  execFileSync("git", ["commit", "-q", "-m", "base"], { cwd: root });
  source = mkdtempSync(join(tmpdir(), "cli-submit-source-"));
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
  rmSync(source, { recursive: true, force: true });
});

describe("connectors review <outside source> / connectors submit <source>", () => {
  it("reviews an outside directory (exit 0), submits it onto submit/<slug> (exit 0)", async () => {
    write(source, { "plugin.json": manifest, "index.ts": clean, "package.json": JSON.stringify({ name: "posthog-acme-sync-plugin", version: "0.3.0", description: "Sends events to Acme.", license: "MIT", author: "Acme" }) });
    const review = await cli("review", source);
    expect(review.code).toBe(0);
    expect(review.stdout).toContain("## Connector review: ✅ ready for a maintainer");
    const submit = await cli("submit", source);
    expect(submit.code).toBe(0);
    expect(submit.stdout).toContain("submitted acme-sync as plugins/acme-sync on branch submit/acme-sync");
    expect(readFileSync(join(root, "plugins/acme-sync/plugin.json"), "utf8")).toBe(manifest);
  });

  it("exits 1 when the review finds a problem (and submit writes nothing), 2 when the source cannot be reviewed", async () => {
    write(source, { "plugin.json": manifest, "index.ts": `export function setupPlugin(meta: any) { meta.global.env = process.env; }\n` });
    expect((await cli("review", source)).code).toBe(1);
    const submit = await cli("submit", source);
    expect(submit.code).toBe(1);
    expect(submit.stdout).toContain("nothing written: the review found");
    const missing = await cli("review", join(source, "nope"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: Cannot review /);
    expect((await cli("submit", join(source, "nope"))).code).toBe(2);
    expect((await cli("review", source, "--github")).code).toBe(2);
  });
});
