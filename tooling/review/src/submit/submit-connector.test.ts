import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFixtureRepo, type FixtureRepo } from "../testing/create-fixture-repo.ts";
import { createTempPackages } from "../testing/temp-packages.ts";
import { submitConnector } from "./submit-connector.ts";
import { SubmitError } from "./submit-error.ts";

const WORKSPACE = { "pnpm-workspace.yaml": 'packages:\n  - "plugins/*"\n  - "tooling/*"\n', "tooling/plugin-scaffold/package.json": JSON.stringify({ name: "@posthog/plugin-scaffold" }), "tooling/testkit/package.json": JSON.stringify({ name: "@connectors/testkit" }) };
const manifest = JSON.stringify({ name: "Acme Sync", description: "Sends events to Acme.", main: "index.ts", allowedHosts: ["api.acme.example"], config: [{ key: "apiKey", name: "API key", type: "string", secret: true, required: true, hint: "h" }] }, null, 2);
const INDEX = `export async function setupPlugin() {}
export async function onEvent(event: any, { config, fetch }: any) {
  await fetch("https://api.acme.example/v1/track", { method: "POST", body: JSON.stringify({ event: event.event }), headers: { authorization: \`Bearer \${config.apiKey}\` }, signal: AbortSignal.timeout(10_000) });
}
`;

let repo: FixtureRepo;
const packages = createTempPackages();
const outside = (files: Record<string, string>) => packages.write(files);

beforeEach(() => {
  for (const [name, value] of Object.entries({ GIT_AUTHOR_NAME: "Submitter", GIT_AUTHOR_EMAIL: "s@example.com", GIT_COMMITTER_NAME: "Submitter", GIT_COMMITTER_EMAIL: "s@example.com" })) vi.stubEnv(name, value);
  repo = createFixtureRepo(WORKSPACE);
  execFileSync("git", ["-c", "user.email=r@test", "-c", "user.name=r", "commit", "-q", "--allow-empty", "-m", "pr base"], { cwd: repo.root });
});
afterEach(() => {
  vi.unstubAllEnvs();
  repo.cleanup();
  packages.cleanup();
});


const git = (...args: string[]) => execFileSync("git", args, { cwd: repo.root, encoding: "utf8" }).trim();

describe("submitConnector", () => {
  it("brings a clean outside connector in as plugins/<slug> on submit/<slug>, in the repository's shape, committed", async () => {
    const source = outside({
      "plugin.json": manifest,
      "index.ts": INDEX,
      "package.json": JSON.stringify({ name: "posthog-acme-sync-plugin", version: "1.2.0", description: "Sends events to Acme.", license: "Apache-2.0", author: "Acme Inc.", scripts: { build: "tsc" }, dependencies: { "@posthog/plugin-scaffold": "^1.4.4", "left-pad": "1.3.0" } }),
      "package-lock.json": "{}",
      ".github/workflows/ci.yml": "on: push",
    });
    const result = await submitConnector(source, { cwd: repo.root });
    expect(result.branch).toBe("submit/acme-sync");
    expect(result.report.totals.error).toBe(0);
    expect(git("rev-parse", "--abbrev-ref", "HEAD")).toBe("submit/acme-sync");
    expect(git("log", "-1", "--format=%s")).toBe(`acme-sync: submit from ${result.report.source}`);
    expect(git("show", "--name-only", "--format=", "HEAD").split("\n").sort()).toEqual([
      ".changeset/acme-sync-initial.md",
      "plugins/acme-sync/CHANGELOG.md",
      "plugins/acme-sync/README.md",
      "plugins/acme-sync/index.test.ts",
      "plugins/acme-sync/index.ts",
      "plugins/acme-sync/package.json",
      "plugins/acme-sync/plugin.json",
      "plugins/acme-sync/tsconfig.json",
      "plugins/acme-sync/vitest.config.ts",
    ]);
    const pkg = JSON.parse(readFileSync(join(repo.root, "plugins/acme-sync/package.json"), "utf8"));
    expect(pkg).toMatchObject({ name: "posthog-acme-sync-plugin", version: "1.2.0", license: "Apache-2.0", author: "Acme Inc.", dependencies: { "left-pad": "1.3.0" }, devDependencies: { "@posthog/plugin-scaffold": "workspace:*" } });
    expect(pkg.scripts.build).toBe("connectors bundle .");
    expect(readFileSync(join(repo.root, "plugins/acme-sync/index.test.ts"), "utf8")).toContain('expect(connector.capabilities().methods).toEqual(["setupPlugin","onEvent"]);');
    expect(readFileSync(join(repo.root, ".changeset/acme-sync-initial.md"), "utf8")).toBe(`---\n"posthog-acme-sync-plugin": minor\n---\n\nFirst release: Acme Sync, submitted from ${result.report.source}.\n`);
    expect(git("status", "--porcelain")).toBe("");
  });

  it("writes nothing for a connector the review flags, unless --allow-findings", async () => {
    const source = outside({ "plugin.json": manifest, "index.ts": `${INDEX}export function processEvent(e: any) { return globalThis["ev" + "al"](e.properties.code); }\n` });
    const refused = await submitConnector(source, { cwd: repo.root, slug: "acme-sync" });
    expect(refused.branch).toBeUndefined();
    expect(refused.report.connectors[0]!.findings.some((f) => f.rule === "security/no-eval" && f.severity === "error")).toBe(true);
    expect(git("rev-parse", "--abbrev-ref", "HEAD")).toBe("pr");
    expect(existsSync(join(repo.root, "plugins/acme-sync"))).toBe(false);
    const forced = await submitConnector(source, { cwd: repo.root, slug: "acme-sync", allowFindings: true });
    expect(forced.branch).toBe("submit/acme-sync");
  });

  it("refuses a hostile source the way install does, and a taken slug, a dirty checkout or an existing branch, leaving nothing behind", async () => {
    const linked = outside({ "plugin.json": manifest, "index.ts": INDEX });
    execFileSync("ln", ["-s", "/etc/hostname", join(linked, "notes.md")]);
    await expect(submitConnector(linked, { cwd: repo.root, slug: "acme-sync" })).rejects.toThrow(/^Cannot submit .*notes\.md/s);
    const source = outside({ "plugin.json": manifest, "index.ts": INDEX });
    repo.write({ "plugins/acme-sync/plugin.json": manifest });
    repo.commit("existing");
    await expect(submitConnector(source, { cwd: repo.root })).rejects.toThrow(/plugins\/acme-sync already exists/);
    repo.write({ "README.md": "changed\n" });
    await expect(submitConnector(source, { cwd: repo.root, slug: "other" })).rejects.toThrow(/uncommitted changes/);
    git("checkout", "--", "README.md");
    git("branch", "submit/other");
    await expect(submitConnector(source, { cwd: repo.root, slug: "other" })).rejects.toBeInstanceOf(SubmitError);
    expect(git("rev-parse", "--abbrev-ref", "HEAD")).toBe("pr");
    expect(existsSync(join(repo.root, "plugins/other"))).toBe(false);
    expect(git("status", "--porcelain")).toBe("");
  });
});
