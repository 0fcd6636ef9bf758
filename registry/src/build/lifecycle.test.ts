import { execFileSync } from "node:child_process";
import { readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { RegistryBuildError } from "../errors.ts";
import { approve, createFixtureWorkspace, type FixtureConnector } from "../testing/fixture-workspace.ts";
import { buildRegistry } from "./build-registry.ts";

const roots: string[] = [];
afterEach(async () => Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true }))));

async function build(connectors: FixtureConnector[], approved = connectors.map((c) => approve(c.slug, c.version ?? "1.0.0")) as unknown[]) {
  const root = await createFixtureWorkspace(connectors, { approved });
  roots.push(root);
  return { root, ...(await buildRegistry({ root, skipTests: true, reviewer: false, cacheDir: false })) };
}

const manifest = (extra: Record<string, unknown> = {}) => ({ name: "A connector", maintainer: "official", config: [], ...extra });
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);

describe("catalog lifecycle", () => {
  it("status: declared, else beta before 1.0.0 and stable from it; support level from the maintainer", async () => {
    const { catalog } = await build([
      { slug: "early", version: "0.3.0", manifest: manifest() },
      { slug: "grown", version: "2.1.0", manifest: manifest({ maintainer: "Jane" }) },
      { slug: "risky", version: "1.0.0", manifest: manifest({ status: "alpha" }) },
    ]);
    expect(catalog.connectors.map((c) => [c.slug, c.status, c.supportLevel])).toEqual([["early", "beta", "official"], ["grown", "stable", "community"], ["risky", "alpha", "official"]]);
  });

  it("a deprecated connector carries its date and replacement, and leaves PostHog's library listing", async () => {
    const { catalog, root } = await build([
      { slug: "old", manifest: manifest({ status: "deprecated", deprecation: { date: "2026-11-01", replacement: "new", reason: "the v1 API was retired" } }) },
      { slug: "new", manifest: manifest() },
      { slug: "demo", manifest: manifest({ categories: ["example"] }) },
    ], [approve("old"), approve("new"), { ...approve("demo"), example: true }]);
    expect(catalog.connectors.find((c) => c.slug === "old")).toMatchObject({ status: "deprecated", deprecation: { date: "2026-11-01", replacement: "new", reason: "the v1 API was retired" } });
    expect(catalog.connectors.find((c) => c.slug === "demo")).toMatchObject({ example: true, categories: ["example"] });
    const plugins = JSON.parse(await readFile(join(root, "registry/dist/plugins.json"), "utf8")) as Array<{ name: string; displayOnWebsiteLib: boolean }>;
    expect(plugins.map((p) => p.displayOnWebsiteLib)).toEqual([false, true, false]);
  });

  it.each([
    ["a replacement that is not published", "gone", /old@1\.0\.0: plugin\.json \/deprecation\/replacement "gone" is not in the catalog\. Fix: name the published connector/],
    ["itself", "old", /"old" names the connector itself/],
  ])("refuses a deprecation naming %s", async (_name, replacement, message) => {
    await expect(build([{ slug: "old", manifest: manifest({ status: "deprecated", deprecation: { date: "2026-11-01", replacement } }) }])).rejects.toThrow(message);
  });

  it("pins a GitHub tree source link to the catalog's commit", async () => {
    const root = await createFixtureWorkspace([{ slug: "alpha", manifest: manifest({ url: "https://github.com/acme/connectors/tree/main/plugins/alpha" }) }], { approved: [approve("alpha")] });
    roots.push(root);
    const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" } }).trim();
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "fixture");
    const { catalog } = await buildRegistry({ root, skipTests: true, reviewer: false, cacheDir: false });
    expect(catalog.connectors[0]!.sourceUrl).toBe(`https://github.com/acme/connectors/tree/${git("rev-parse", "HEAD")}/plugins/alpha`);
  });
});

describe("icons", () => {
  it("publishes a PNG from the package, hashed like every file", async () => {
    const root = await createFixtureWorkspace([{ slug: "alpha", manifest: manifest({ icon: "logo.png" }) }], { approved: [approve("alpha")] });
    roots.push(root);
    await writeFile(join(root, "plugins/alpha/logo.png"), PNG);
    const { catalog } = await buildRegistry({ root, skipTests: true, reviewer: false, cacheDir: false });
    expect(catalog.connectors[0]!.icon).toBe("icons/alpha-1.0.0.png");
    expect(catalog.files["icons/alpha-1.0.0.png"]).toMatchObject({ size: PNG.length });
  });

  it.each<[string, (dir: string) => Promise<string>, RegExp]>([
    ["a URL", async () => "https://cdn.example/logo.png", /\/icon.*is a URL; the catalog publishes only icon files inside the package/s],
    ["an SVG", async (dir) => (await writeFile(join(dir, "logo.svg"), "<svg onload='alert(1)'/>"), "logo.svg"), /not a PNG, JPEG, GIF or WebP file \(SVG can carry script/],
    ["a PNG name on other bytes", async (dir) => (await writeFile(join(dir, "logo.png"), "<html>"), "logo.png"), /does not hold PNG data/],
    ["an oversized image", async (dir) => (await writeFile(join(dir, "logo.png"), Buffer.concat([PNG, Buffer.alloc(300 * 1024)])), "logo.png"), /icons are at most 262144/],
    ["a path leaving the package", async () => "../../registry/approved.json", /\/icon.*is not a path inside the package/s],
    ["a symlink to a host file", async (dir) => (await symlink("/etc/hostname", join(dir, "logo.png")), "logo.png"), /logo\.png: is a symlink to a file outside the package Fix: copy the file into the package/],
  ])("refuses %s, naming plugin.json /icon and publishing nothing", async (_name, place, message) => {
    const root = await createFixtureWorkspace([{ slug: "alpha", manifest: manifest() }], { approved: [approve("alpha")] });
    roots.push(root);
    const dir = join(root, "plugins/alpha");
    const icon = await place(dir);
    await writeFile(join(dir, "plugin.json"), JSON.stringify(manifest({ icon })));
    const building = buildRegistry({ root, skipTests: true, reviewer: false, cacheDir: false });
    await expect(building).rejects.toThrow(RegistryBuildError);
    await expect(buildRegistry({ root, skipTests: true, reviewer: false, cacheDir: false })).rejects.toThrow(message);
  });
});
