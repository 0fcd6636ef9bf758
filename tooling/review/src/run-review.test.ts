import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { renderMarkdown } from "./report/render-markdown.ts";
import { runReview } from "./run-review.ts";
import { createFixtureRepo, FIXTURES, type FixtureRepo } from "./testing/create-fixture-repo.ts";
import type { Finding } from "./types.ts";

const CHANGESET = { ".changeset/clean-initial.md": '---\n"posthog-clean-plugin": minor\n---\n\nFirst release.\n' };
const clean = { "plugins/clean": { copy: join(FIXTURES, "clean") } };
let repo: FixtureRepo | undefined;

afterEach(() => repo?.cleanup());

function errorsOf(findings: Finding[]): string[] {
  return findings.filter((f) => f.severity === "error").map((f) => f.rule);
}

async function reviewPr(tree: Parameters<FixtureRepo["write"]>[0], overlay: Parameters<FixtureRepo["write"]>[0] = {}) {
  repo = createFixtureRepo();
  repo.write(tree);
  repo.write(overlay);
  return runReview({ cwd: repo.root, base: "main" });
}

describe("runReview", () => {
  it("passes a clean new connector with no errors or warnings", async () => {
    const report = await reviewPr({ ...clean, ...CHANGESET });
    expect(report.connectors.map((c) => [c.slug, c.status])).toEqual([["clean", "added"]]);
    expect(report.connectors[0]!.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(report.connectors[0]!.categories).toMatchObject({ manifest: "pass", package: "pass", security: "pass", "best-practices": "pass", tests: "skipped", performance: "skipped" });
  });

  it.each([
    ["eval", "security/no-eval"],
    ["dynamic-import", "security/no-dynamic-import"],
    ["host-modules", "security/forbidden-modules"],
    ["process-env", "security/no-process-access"],
    ["disallowed-import", "security/allowed-imports"],
    ["undeclared-host", "security/network-hosts"],
    ["hard-coded-credentials", "security/hard-coded-credentials"],
    ["obfuscated", "security/obfuscated-code"],
    ["prototype-pollution", "security/prototype-pollution"],
    ["secret-logging", "security/secret-logging"],
    ["unbounded-loop", "security/unbounded-loops"],
    ["install-script", "security/new-dependencies"],
  ])("flags the malicious fixture %s with a %s error", async (fixture, rule) => {
    const report = await reviewPr({ ...clean, ...CHANGESET }, { "plugins/clean": { copy: join(FIXTURES, "malicious", fixture) } });
    expect(errorsOf(report.connectors[0]!.findings)).toContain(rule);
    expect(report.totals.error).toBeGreaterThan(0);
  });

  it("flags a secret the diff adds to a fixture file, redacted", async () => {
    const token = ["ghp", "_", "a".repeat(10), "B".repeat(10), "1".repeat(16)].join("");
    const report = await reviewPr({ ...clean, ...CHANGESET, "plugins/clean/fixtures/recorded.json": JSON.stringify({ authorization: `token ${token}` }) });
    const finding = report.connectors[0]!.findings.find((f) => f.rule === "security/secrets-in-diff");
    expect(finding).toMatchObject({ severity: "error", file: "plugins/clean/fixtures/recorded.json", line: 1 });
    expect(JSON.stringify(report)).not.toContain(token);
  });

  it("redacts the connector's secret config values (secret defaults, conformance config) wherever a finding quotes them", async () => {
    const defaultSecret = "tok-3f9a8b7c6d5e";
    const fixtureSecret = "conf-s3cret/12345+";
    const manifest = JSON.parse(readFileSync(join(FIXTURES, "clean", "plugin.json"), "utf8"));
    manifest.config.push({ key: "endpoint", name: "Endpoint", type: "string", format: "url", secret: true, default: `https://*.${defaultSecret}.example.com` });
    repo = createFixtureRepo();
    repo.write({ ...clean, ...CHANGESET });
    repo.write({ "plugins/clean/plugin.json": JSON.stringify(manifest), "plugins/clean/fixtures/conformance.json": JSON.stringify({ config: { apiKey: fixtureSecret } }) });
    const quoting = { name: "quotes the config", category: "tests" as const, run: async () => [{ rule: "tests/run", category: "tests" as const, severity: "error" as const, file: "plugins/clean/index.test.ts", message: `test failed: expected "${fixtureSecret}" to be "${encodeURIComponent(fixtureSecret)}"`, fix: `check ${fixtureSecret} against https://*.${defaultSecret}.example.com` }] };
    const report = await runReview({ cwd: repo.root, base: "main", dynamicChecks: [quoting] });
    const findings = report.connectors[0]!.findings;
    expect(findings.find((f) => f.rule === "tests/run")).toMatchObject({ message: 'test failed: expected "[REDACTED]" to be "[REDACTED]"', fix: "check [REDACTED] against [REDACTED]" });
    for (const text of [JSON.stringify(report), renderMarkdown(report)]) {
      expect(text).not.toContain(defaultSecret);
      expect(text).not.toContain(fixtureSecret);
      expect(text).not.toContain(encodeURIComponent(fixtureSecret));
    }
  });

  it("reports a PR that touches no connector", async () => {
    const report = await reviewPr({ "docs/notes.md": "hello\n" });
    expect(report.connectors).toEqual([]);
    expect(report.notices.join(" ")).toMatch(/touches no connector/);
  });

  it("reviews several connectors and a deleted one without crashing", async () => {
    repo = createFixtureRepo({ "plugins/old": { copy: join(FIXTURES, "clean") } });
    repo.remove("plugins/old");
    repo.write({ ...clean, ...CHANGESET, "plugins/other/index.ts": "export function processEvent(e: any) { return e }\n" });
    const report = await runReview({ cwd: repo.root, base: "main" });
    expect(report.connectors.map((c) => [c.slug, c.status])).toEqual([["clean", "added"], ["old", "deleted"], ["other", "added"]]);
    expect(report.notices).toEqual(["This change touches 3 connectors (`clean`, `old`, `other`): one connector per pull request keeps reviews and releases independent."]);
    expect(report.connectors[1]!.findings.map((f) => f.rule)).toEqual(["package/deleted-connector"]);
    expect(errorsOf(report.connectors[2]!.findings)).toEqual(expect.arrayContaining(["package/required-files", "package/changeset"]));
  });

  it("reports binary files, huge files and an unparsable index.ts as findings", async () => {
    const report = await reviewPr({
      ...clean,
      ...CHANGESET,
      "plugins/clean/logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      "plugins/clean/payload.wasm": Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
      "plugins/clean/lib/huge.ts": `export const data = "${"x".repeat(600 * 1024)}";\n`,
      "plugins/clean/index.ts": "export function processEvent(event {\n  return event\n",
    });
    const rules = report.connectors[0]!.findings.map((f) => `${f.severity} ${f.rule} ${f.file}`);
    expect(rules.filter((rule) => rule.includes("logo.png"))).toEqual([]);
    expect(rules).toEqual(expect.arrayContaining([
      "error security/unreviewable-file plugins/clean/payload.wasm",
      "error security/unreviewable-file plugins/clean/lib/huge.ts",
      "error security/unparsable-source plugins/clean/index.ts",
    ]));
  });

  it("flags a removed config key without a major bump, vs the base ref's plugin.json", async () => {
    repo = createFixtureRepo({ ...clean });
    const manifest = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(join(FIXTURES, "clean/plugin.json"), "utf8")));
    manifest.config = manifest.config.filter((field: { key: string }) => field.key !== "region");
    repo.write({ "plugins/clean/plugin.json": JSON.stringify(manifest, null, 2), ".changeset/clean-fix.md": '---\n"posthog-clean-plugin": patch\n---\n\nDrop region.\n' });
    const report = await runReview({ cwd: repo.root, base: "main" });
    const findings = report.connectors[0]!.findings;
    expect(findings.find((f) => f.rule === "manifest/stable-config-keys")?.message).toMatch(/"region" was removed/);
    expect(errorsOf(findings)).toContain("package/version-bump");
  });

  it("flags a PR that widens the published connector's capabilities, read from the base ref", async () => {
    repo = createFixtureRepo({ ...clean });
    const manifest = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(join(FIXTURES, "clean/plugin.json"), "utf8")));
    manifest.allowedHosts.push("collector.example.org");
    const index = await import("node:fs").then((fs) => fs.readFileSync(join(FIXTURES, "clean/index.ts"), "utf8"));
    repo.write({ "plugins/clean/plugin.json": JSON.stringify(manifest, null, 2), "plugins/clean/index.ts": `${index}\nexport async function runEveryMinute() {}\n` });
    const report = await runReview({ cwd: repo.root, base: "main" });
    const change = report.connectors[0]!.findings.find((f) => f.rule === "manifest/capability-change");
    expect(change?.severity).toBe("error");
    expect(change?.message).toMatch(/egress to `collector\.example\.org`; new scheduled tasks `runEveryMinute`/);
  });

  it("refuses a symlink that leaves the package instead of reading through it", async () => {
    repo = createFixtureRepo();
    repo.write({ ...clean, ...CHANGESET, "secret.txt": "TOP-SECRET-HOST-FILE\n" });
    await import("node:fs").then((fs) => fs.symlinkSync(join(repo!.root, "secret.txt"), join(repo!.root, "plugins/clean/notes.md")));
    const report = await runReview({ cwd: repo.root, base: "main" });
    const finding = report.connectors[0]!.findings.find((f) => f.rule === "security/package-files");
    expect(finding).toMatchObject({ severity: "error", file: "plugins/clean/notes.md" });
    expect(JSON.stringify(report)).not.toContain("TOP-SECRET-HOST-FILE");
  });

  it("fails a renamed slug (deleted + added under the same display name)", async () => {
    repo = createFixtureRepo({ ...clean });
    repo.remove("plugins/clean");
    repo.write({ "plugins/clean-two": { copy: join(FIXTURES, "clean") }, ...CHANGESET });
    const report = await runReview({ cwd: repo.root, base: "main" });
    const renamed = report.connectors.find((c) => c.slug === "clean-two")!.findings.find((f) => f.rule === "package/renamed-slug");
    expect(renamed?.message).toBe('renames the connector "Clean Example" from `clean` to `clean-two`; installations and the registry key on the slug');
    expect(report.totals.error).toBeGreaterThan(0);
  });

  it("says so when the base ref does not exist", async () => {
    repo = createFixtureRepo();
    const report = await runReview({ cwd: repo.root, base: "nope", paths: ["plugins/missing"] });
    expect(report.notices[0]).toMatch(/Base ref `nope` not found/);
    expect(report.connectors[0]!.status).toBe("deleted");
  });
});
