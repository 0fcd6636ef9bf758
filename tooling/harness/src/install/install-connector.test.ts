import { createServer, type Server } from "node:http";
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LEGACY_NOTE } from "@connectors/plugin-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnector } from "../create-connector.ts";
import { loadConnector } from "../load/load-connector.ts";
import { SupplyError } from "../supply/supply-error.ts";
import { supplySource } from "../supply/supply-source.ts";
import { overlappingZip, tarGzOf } from "../test-support/hostile-archives.ts";
import { event, tempConnector } from "../test-support/temp-connector.ts";
import { installConnector, type InstallOptions } from "./install-connector.ts";
import { parseInstallSource } from "./parse-install-source.ts";
import { writeTarGz, writeZip } from "./write-archive.ts";

const manifest = (name: string, extra: object = {}) => JSON.stringify({ name, description: "installed in a test", main: "index.js", config: [{ key: "greeting", name: "Greeting", type: "string", default: "hi" }], ...extra });
const code = "exports.processEvent = (e, { config }) => ({ ...e, properties: { ...e.properties, greeting: config.greeting } })";
const extras = { "README.md": "# readme", "lib/helper.js": "module.exports = 1", "package.json": "{}" };
const multiFile = {
  "plugin.json": manifest("Multi"),
  "index.js": "const { greet } = require('./lib/greet.js'); exports.processEvent = (e, { config }) => ({ ...e, properties: { ...e.properties, greeting: greet(config.greeting) } })",
  "lib/greet.js": "const { suffix } = require('./suffix.json'); exports.greet = (g) => g + suffix",
  "lib/suffix.json": '{ "suffix": "!" }',
  "package.json": JSON.stringify({ name: "posthog-multi-plugin", files: ["index.js", "lib", "plugin.json"] }),
  "index.test.js": "not shipped",
};
const toPackage = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([k, v]) => [`package/${k}`, v]));

const routes = new Map<string, Buffer | string>();
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    const privateOk = req.headers.authorization === "token s3cret" || req.headers["private-token"] === "s3cret";
    const chunked = req.url?.startsWith("/chunked/");
    const url = chunked ? req.url!.slice("/chunked".length) : (req.url ?? "");
    const body = url.includes("/private") && !privateOk ? undefined : routes.get(url);
    if (body === undefined) {
      res.statusCode = 404;
      res.end("not found");
      return;
    }
    if (chunked) {
      res.write(body);
      res.end();
    } else res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const npmTarball = writeTarGz({ "package/plugin.json": manifest("Greeter"), "package/index.js": code, ...Object.fromEntries(Object.entries(extras).map(([k, v]) => [`package/${k}`, v])) });
  routes.set("/npm/posthog-greeter-plugin", JSON.stringify({ "dist-tags": { latest: "1.2.0" }, versions: { "1.2.0": { dist: { tarball: `${base}/npm/-/posthog-greeter-plugin-1.2.0.tgz` } }, "1.0.0": { dist: { tarball: `${base}/npm/-/old.tgz` } } } }));
  routes.set("/npm/-/posthog-greeter-plugin-1.2.0.tgz", npmTarball);
  routes.set("/npm/-/old.tgz", writeTarGz({ "package/plugin.json": manifest("Greeter"), "package/index.js": code.replace("config.greeting", "'old'") }));
  routes.set("/gh/acme/greeter/archive/HEAD.zip", writeZip({ "greeter-main/plugin.json": manifest("Greeter GH"), "greeter-main/index.js": code, "greeter-main/README.md": "x" }));
  routes.set("/gh/acme/monorepo/archive/v2.zip", writeZip({ "monorepo-v2/README.md": "", "monorepo-v2/packages/hello/plugin.json": manifest("Hello", { main: "src/main.ts" }), "monorepo-v2/packages/hello/src/main.ts": "export function processEvent(e: any) { return { ...e, ts: true } }", "monorepo-v2/packages/hello/src/other.ts": "" }));
  routes.set("/gh/acme/empty/archive/HEAD.zip", writeZip({ "empty-main/README.md": "no plugin here" }));
  routes.set("/gh/acme/broken/archive/HEAD.zip", writeZip({ "broken-main/plugin.json": manifest("Broken"), "broken-main/index.js": "exports.processEvent = (e) => {" }));
  routes.set("/gh/acme/forbidden/archive/HEAD.zip", writeZip({ "f-main/plugin.json": manifest("Forbidden"), "f-main/index.js": "require('child_process'); exports.processEvent = (e) => e" }));
  routes.set("/gl/acme/tools/greeter/-/archive/main/greeter-main.tar.gz", writeTarGz({ "greeter-main-abc123/plugin.json": manifest("Greeter GL"), "greeter-main-abc123/index.js": code }));
  routes.set("/files/greeter-3.0.0.tgz", npmTarball);
  routes.set("/gh/acme/private/archive/HEAD.zip", writeZip({ "p-main/plugin.json": manifest("Private"), "p-main/index.js": code }));
  routes.set("/gl/acme/private/-/archive/HEAD/private-HEAD.tar.gz", writeTarGz({ "p/plugin.json": manifest("Private GL"), "p/index.js": code }));
  routes.set("/npm/posthog-multi-plugin", JSON.stringify({ "dist-tags": { latest: "1.0.0" }, versions: { "1.0.0": { dist: { tarball: `${base}/npm/-/posthog-multi-plugin-1.0.0.tgz` } } } }));
  routes.set("/npm/-/posthog-multi-plugin-1.0.0.tgz", writeTarGz(toPackage(multiFile)));
  routes.set("/gh/acme/multi/archive/HEAD.zip", writeZip(Object.fromEntries(Object.entries(multiFile).map(([k, v]) => [`multi-main/${k}`, v]))));
  routes.set("/files/overlap.zip", overlappingZip(200, 4 * 1024 * 1024));
  routes.set("/files/symlink.tgz", await tarGzOf([{ name: "package/plugin.json", contents: manifest("Link") }, { name: "package/index.js", contents: code }, { name: "package/README.md", type: "symlink", linkname: "/etc/passwd" }]));
  routes.set("/files/escape.tgz", await tarGzOf([{ name: "package/plugin.json", contents: manifest("Escape") }, { name: "package/index.js", contents: code }, { name: "package/../../../escaped.js", contents: "x" }]));
  routes.set("/files/hardlink.tgz", await tarGzOf([{ name: "package/plugin.json", contents: manifest("Hard") }, { name: "package/index.js", type: "link", linkname: "/etc/shadow" }]));
  routes.set("/files/big.tgz", writeTarGz(toPackage({ "plugin.json": manifest("Big"), "index.js": code, "data.json": "x".repeat(200_000) })));
  routes.set("/files/side-effects.tgz", writeTarGz(toPackage({ "plugin.json": manifest("Side"), "index.js": "if (typeof process !== 'undefined') process.env.CONNECTORS_PWNED = 'yes'; globalThis.connectorsPwned = true; exports.processEvent = (e) => e" })));
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

function options(extra: InstallOptions = {}): InstallOptions & { into: string } {
  return { into: mkdtempSync(join(tmpdir(), "install-")), npmRegistry: `${base}/npm`, githubUrl: `${base}/gh`, gitlabUrl: `${base}/gl`, ...extra };
}

async function runs(dir: string, config: Record<string, unknown> = { greeting: "hello" }) {
  const connector = await createConnector(dir, { config });
  return connector.processEvent(event());
}

describe("parseInstallSource", () => {
  it.each([
    ["posthog-greeter-plugin@1.2.0", { kind: "npm", name: "posthog-greeter-plugin", version: "1.2.0" }],
    ["@posthog/greeter", { kind: "npm", name: "@posthog/greeter" }],
    ["npm:greeter", { kind: "npm", name: "greeter" }],
    ["https://www.npmjs.com/package/@posthog/greeter/v/0.0.3", { kind: "npm", name: "@posthog/greeter", version: "0.0.3" }],
    ["https://github.com/acme/greeter", { kind: "github", owner: "acme", repo: "greeter" }],
    ["https://github.com/acme/mono/tree/main/packages/a", { kind: "github", owner: "acme", repo: "mono", ref: "main", subdir: "packages/a" }],
    ["https://github.com/acme/greeter/commit/0123abc", { kind: "github", owner: "acme", repo: "greeter", ref: "0123abc" }],
    ["https://github.com/acme/greeter/releases/tag/v1.0.0", { kind: "github", owner: "acme", repo: "greeter", ref: "v1.0.0" }],
    ["https://github.com/acme/greeter/archive/refs/tags/v1.zip", { kind: "github", owner: "acme", repo: "greeter", ref: "v1", archive: "zip" }],
    ["https://gitlab.com/acme/tools/greeter/-/tree/main/sub", { kind: "gitlab", project: "acme/tools/greeter", ref: "main", subdir: "sub" }],
    ["https://example.com/dl/greeter.tar.gz", { kind: "archive-url", url: "https://example.com/dl/greeter.tar.gz" }],
  ])("%s", (spec, expected) => {
    expect(parseInstallSource(spec, tmpdir())).toEqual(expected);
  });

  it("finds workspace slugs and directories, and rejects the rest", () => {
    expect(parseInstallSource("hello-world", process.cwd())).toMatchObject({ kind: "workspace", slug: "hello-world" });
    expect(parseInstallSource(tmpdir(), process.cwd())).toEqual({ kind: "dir", dir: tmpdir() });
    expect(parseInstallSource("./no/such/dir", tmpdir())).toBeUndefined();
    expect(parseInstallSource("https://example.com/page", tmpdir())).toBeUndefined();
  });
});

describe("installConnector", () => {
  it("installs npm name@version and the latest version, taking every file the package ships", async () => {
    const opts = options();
    const installed = await installConnector("posthog-greeter-plugin@1.2.0", opts);
    expect(installed).toMatchObject({ slug: "greeter", files: ["README.md", "index.js", "lib/helper.js", "package.json", "plugin.json", ".install.json"] });
    expect(readdirSync(installed.dir).sort()).toEqual([".install.json", "README.md", "index.js", "lib", "package.json", "plugin.json"]);
    expect((await runs(installed.dir))?.properties).toMatchObject({ greeting: "hello" });
    const old = await installConnector("posthog-greeter-plugin@1.0.0", { ...opts, name: "greeter-old" });
    expect((await runs(old.dir))?.properties).toMatchObject({ greeting: "old" });
    const latest = await installConnector("npm:posthog-greeter-plugin", { ...opts, name: "greeter-latest" });
    expect((await runs(latest.dir))?.properties).toMatchObject({ greeting: "hello" });
  });

  it("installs a local .tgz and an archive URL", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tgz-"));
    const file = join(dir, "posthog-greeter-plugin-1.2.0.tgz");
    writeFileSync(file, routes.get("/npm/-/posthog-greeter-plugin-1.2.0.tgz") as Buffer);
    const fromTgz = await installConnector(file, options());
    expect(fromTgz.slug).toBe("greeter");
    expect((await runs(fromTgz.dir))?.properties).toMatchObject({ greeting: "hello" });
    const fromUrl = await installConnector(`${base}/files/greeter-3.0.0.tgz`, options());
    expect(fromUrl.slug).toBe("greeter");
  });

  it("installs GitHub repositories, /tree/<ref>/<subdir> included, through the configured base URL", async () => {
    const opts = options();
    const repo = await installConnector("https://github.com/acme/greeter", opts);
    expect(repo).toMatchObject({ slug: "greeter", source: { kind: "github" } });
    expect(readdirSync(repo.dir).sort()).toEqual([".install.json", "README.md", "index.js", "plugin.json"]);
    const sub = await installConnector("https://github.com/acme/monorepo/tree/v2/packages/hello", opts);
    expect(sub.slug).toBe("hello");
    expect(sub.files).toEqual(["plugin.json", "src/main.ts", "src/other.ts", ".install.json"]);
    expect(existsSync(join(sub.dir, "README.md"))).toBe(false);
    expect(await runs(sub.dir, {})).toMatchObject({ ts: true });
  });

  it("installs GitLab projects (tree URL with subgroups)", async () => {
    const installed = await installConnector("https://gitlab.com/acme/tools/greeter/-/tree/main", options());
    expect(installed.slug).toBe("greeter");
    expect((await runs(installed.dir))?.properties).toMatchObject({ greeting: "hello" });
  });

  it("installs private GitHub/GitLab repositories with ?private_token= and never stores the token", async () => {
    const opts = options();
    await expect(installConnector("https://github.com/acme/private", opts)).rejects.toThrow(/answered HTTP 404/);
    const gh = await installConnector("https://github.com/acme/private?private_token=s3cret", opts);
    expect(JSON.stringify(gh)).not.toContain("s3cret");
    expect(readFileSync(join(gh.dir, ".install.json"), "utf8")).not.toContain("s3cret");
    const gl = await installConnector("https://gitlab.com/acme/private?private_token=s3cret", { ...opts, name: "private-gl" });
    expect(readFileSync(join(gl.dir, ".install.json"), "utf8")).toContain("private_token=***");
  });

  it("installs workspace slugs and directories with the files their package.json ships", async () => {
    const installed = await installConnector("hello-world", options());
    const shipped = (JSON.parse(readFileSync(join(import.meta.dirname, "../../../../plugins/hello-world/package.json"), "utf8")) as { files: string[] }).files;
    expect(installed.files.filter((file) => file !== ".install.json" && file !== "package.json").every((file) => shipped.some((entry) => file === entry || file.startsWith(`${entry}/`)))).toBe(true);
    expect(installed.files).toEqual(expect.arrayContaining(["index.ts", "plugin.json", "package.json"]));
    expect(installed.files).not.toContain("index.test.ts");
  });

  it.each([
    ["npm", "posthog-multi-plugin@1.0.0"],
    ["GitHub", "https://github.com/acme/multi"],
  ])("installs and runs a multi-file package from %s (lib/ and JSON included, tests left out)", async (_what, spec) => {
    const installed = await installConnector(spec, options({ name: "multi" }));
    expect(installed.files).toEqual(["index.js", "lib/greet.js", "lib/suffix.json", "package.json", "plugin.json", ".install.json"]);
    const connector = await createConnector(await loadConnector(installed.dir, { mode: "sandbox" }), { config: { greeting: "hey" } });
    expect((await connector.processEvent(event()))?.properties).toMatchObject({ greeting: "hey!" });
  });

  it("installs a PostHog-era plugin.json with the quirks PostHog accepted, warning about each field, the secret default never shown (lenient-manifest)", async () => {
    const fixture = join(import.meta.dirname, "../../../legacy-fixtures/connectors/lenient-manifest");
    const file = join(mkdtempSync(join(tmpdir(), "tgz-")), "lenient-manifest-plugin-0.0.1.tgz");
    writeFileSync(file, writeTarGz(toPackage(Object.fromEntries(readdirSync(fixture).map((name) => [name, readFileSync(join(fixture, name), "utf8")])))));
    const installed = await installConnector(file, options());
    expect(installed).toMatchObject({ slug: "lenient-manifest", files: ["index.js", "package.json", "plugin.json", ".install.json"] });
    expect(installed.warnings.every((w) => w.severity === "warning")).toBe(true);
    const quirks = installed.warnings.filter((w) => w.message.includes(LEGACY_NOTE));
    expect(quirks.map((w) => w.path)).toEqual(expect.arrayContaining(["/url", "/description", "/posthogVersion", "/config/1/default", "/config/1/required", "/config/3/type", "/config/3/placeholder"]));
    expect(quirks.find((w) => w.path === "/config/1/default")?.message).toMatch(/secret field "apiKey" has a non-empty default/);
    const connector = await createConnector(await loadConnector(installed.dir, { mode: "sandbox" }), { config: { region: "us" } });
    expect((await connector.processEvent(event()))?.properties).toMatchObject({ tagged_by: "lenient-manifest", batch_size: 10 });
    expect(connector.logs.map((l) => l.message)).toContain("configured with key [REDACTED] in us");
    const shown = JSON.stringify({ ...installed, manifest: undefined }) + readFileSync(join(installed.dir, ".install.json"), "utf8") + JSON.stringify(connector.logs);
    expect(shown).not.toContain("sk_default_0f1e2d3c");
  });

  it.each([
    ["an archive without plugin.json", "https://github.com/acme/empty", /Cannot install GitHub acme\/empty: it was refused:\n.*plugin.json: is not in the archive Fix: point at the folder that holds plugin.json \(for a monorepo use \/tree\/<ref>\/<subdir>\)/],
    ["a syntax error", "https://github.com/acme/broken", /^Cannot install GitHub acme\/broken: Cannot load index.js:\n  index.js:1:\d+: Unexpected end of file/],
    ["an overlapping-entry zip bomb", `http://127.0.0.1:PORT/files/overlap.zip`, /overlaps another entry of the zip/],
    ["a symlink in the tarball", `http://127.0.0.1:PORT/files/symlink.tgz`, /README.md: is a symlink \(to "\/etc\/passwd"\)/],
    ["a ../ entry in the tarball", `http://127.0.0.1:PORT/files/escape.tgz`, /climbs out of the archive/],
    ["a hard link in the tarball", `http://127.0.0.1:PORT/files/hardlink.tgz`, /is a hard link/],
    ["a forbidden import", "https://github.com/acme/forbidden", /^Cannot install GitHub acme\/forbidden: Cannot load index.js:\n  index.js:1:\d+: Cannot import 'child_process'!/],
    ["a missing version", "posthog-greeter-plugin@9.9.9", /has no version 9.9.9 on .* \(published: 1.2.0, 1.0.0\)/],
    ["a missing repository", "https://github.com/acme/nope", /answered HTTP 404 \(check the name, version or ref\)/],
    ["an unknown source", "./definitely/not/here", /is not a workspace slug, a directory/],
  ])("fails clearly on %s and leaves nothing behind", async (_what, spec, message) => {
    const opts = options();
    await expect(installConnector(spec.replace("http://127.0.0.1:PORT", base), opts)).rejects.toThrow(message);
    expect(readdirSync(opts.into)).toEqual([]);
    expect(existsSync(join(opts.into, "..", "escaped.js"))).toBe(false);
  });

  it("refuses downloads and packages over the caps before writing anything", async () => {
    const opts = options();
    await expect(installConnector(`${base}/files/big.tgz`, { ...opts, limits: { maxDownloadBytes: 100 } })).rejects.toThrow(/is larger than 100 bytes.*CONNECTORS_MAX_DOWNLOAD_BYTES/s);
    await expect(installConnector(`${base}/chunked/files/big.tgz`, { ...opts, limits: { maxDownloadBytes: 100 } })).rejects.toThrow(/is larger than 100 bytes/);
    await expect(installConnector(`${base}/files/big.tgz`, { ...opts, limits: { maxFileBytes: 100_000 } })).rejects.toThrow(/data.json: is 200000 bytes, over the 100000-byte limit per file/);
    expect(readdirSync(opts.into)).toEqual([]);
  });

  it("validates downloaded code only in the sandbox: its top level never runs in the host realm", async () => {
    const installed = await installConnector(`${base}/files/side-effects.tgz`, options());
    expect(installed.slug).toBe("side-effects");
    expect(process.env.CONNECTORS_PWNED).toBeUndefined();
    expect((globalThis as { connectorsPwned?: boolean }).connectorsPwned).toBeUndefined();
  });

  it("refuses main: ../../../vitest.config.ts in a directory source: nothing written, the workspace file untouched", async () => {
    const workspaceFile = join(import.meta.dirname, "../../../../vitest.config.ts");
    const before = { bytes: readFileSync(workspaceFile), mtime: statSync(workspaceFile).mtimeMs };
    const dir = tempConnector({ "plugin.json": { name: "Escape", main: "../../../vitest.config.ts" }, "index.js": code });
    const opts = options();
    await expect(installConnector(dir, opts)).rejects.toThrow(/\/main: "..\/..\/..\/vitest.config.ts" is not a path inside the package|\/main/);
    expect(readdirSync(opts.into)).toEqual([]);
    expect(readFileSync(workspaceFile)).toEqual(before.bytes);
    expect(statSync(workspaceFile).mtimeMs).toBe(before.mtime);
  });

  it("refuses a directory source whose README is a symlink leaving it, before writing", async () => {
    const dir = tempConnector({ "plugin.json": { name: "Linked", main: "index.js" }, "index.js": code });
    symlinkSync("/etc/hostname", join(dir, "README.md"));
    const opts = options();
    const error = await installConnector(dir, opts).catch((thrown: unknown) => thrown);
    expect((error as Error).message).toMatch(/README.md: is a symlink to a file outside the package/);
    expect((error as Error).cause).toBeInstanceOf(SupplyError);
    expect(readdirSync(opts.into)).toEqual([]);
  });

  it("refuses to overwrite an installation unless forced", async () => {
    const opts = options();
    await installConnector("https://github.com/acme/greeter", opts);
    await expect(installConnector("https://github.com/acme/greeter", opts)).rejects.toThrow(/already exists. Fix: pass --force/);
    await expect(installConnector("https://github.com/acme/greeter", { ...opts, force: true })).resolves.toMatchObject({ slug: "greeter" });
    expect(readdirSync(opts.into)).toEqual(["greeter"]);
  });
});

describe("supplySource", () => {
  it("supplies npm, GitHub and directory sources as in-memory snapshots, writing nothing", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "supply-cwd-"));
    const npm = await supplySource("posthog-multi-plugin@1.0.0", { npmRegistry: `${base}/npm`, cwd });
    expect([...npm.files.keys()].sort()).toEqual(["index.js", "index.test.js", "lib/greet.js", "lib/suffix.json", "package.json", "plugin.json"]);
    expect(npm).toMatchObject({ trusted: false, displayRoot: "", main: "index.js", label: "npm package posthog-multi-plugin@1.0.0" });
    const gh = await supplySource("https://github.com/acme/monorepo/tree/v2/packages/hello", { githubUrl: `${base}/gh`, cwd });
    expect(gh.main).toBe("src/main.ts");
    expect(readdirSync(cwd)).toEqual([]);
  });
});
