import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { computeIntegrity, type UnsignedCatalog } from "@connectors/registry-client";
import { afterEach, describe, expect, it } from "vitest";
import { RegistryBuildError } from "../errors.ts";
import { approve, createFixtureWorkspace, type FixtureConnector } from "../testing/fixture-workspace.ts";
import { buildRegistry } from "./build-registry.ts";
import { validateCatalog } from "./validate-catalog.ts";
import { checkCatalogFiles } from "../verify/check-catalog-files.ts";

const env = { SOURCE_DATE_EPOCH: "1767225600" };
const roots: string[] = [];
afterEach(async () => Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true }))));

async function workspace(connectors: FixtureConnector[], approvals: { approved: unknown[]; revoked?: unknown[] }) {
  const root = await createFixtureWorkspace(connectors, approvals);
  roots.push(root);
  return root;
}

const read = (root: string, file: string) => readFile(join(root, "registry/dist", file));

describe("buildRegistry", () => {
  it("publishes approved connectors only, unsigned, schema-valid, listing every file with its hash", async () => {
    const official = { name: "The alpha connector", description: "Does alpha things.", maintainer: "official", categories: ["transformation", "enrichment"], url: "https://github.com/acme/connectors/tree/main/plugins/alpha", config: [{ key: "apiKey", type: "string", required: true, secret: true }] };
    const root = await workspace([{ slug: "alpha", manifest: official }, { slug: "beta", version: "1.0.0" }, { slug: "gamma", version: "2.0.0" }], {
      approved: [approve("beta"), approve("alpha"), approve("gamma", "1.0.0")],
    });
    const result = await buildRegistry({ root, env, skipTests: true });
    expect(result.catalog.connectors.map((c) => `${c.slug}@${c.version}`)).toEqual(["alpha@1.0.0", "beta@1.0.0"]);
    expect(result.notes).toEqual(["gamma@2.0.0 is not approved (approved: 1.0.0): not published"]);
    const catalog = JSON.parse((await read(root, "registry.json")).toString()) as UnsignedCatalog;
    expect(validateCatalog(catalog)).toMatchObject({ ok: true });
    expect(catalog.generated).toEqual({ commit: "unknown", time: "2026-01-01T00:00:00.000Z" });
    expect("signed" in catalog).toBe(false);
    expect(existsSync(join(root, "registry/dist/registry.json.sig"))).toBe(false);
    expect(existsSync(join(root, "registry/dist/registry.pub.pem"))).toBe(false);
    expect(Object.keys(catalog.files)).toEqual(result.files.filter((f) => f !== "registry.json"));
    expect(await checkCatalogFiles(join(root, "registry/dist"), catalog)).toEqual([]);
    const alpha = catalog.connectors[0]!;
    expect(alpha).toMatchObject({ type: "transformation", capabilities: { methods: ["processEvent"], scheduledTasks: [], jobs: [] }, changelogUrl: "changelogs/alpha.md" });
    expect(alpha.configSchema).toMatchObject({ properties: { apiKey: { type: "string", writeOnly: true } } });
    const bundle = await read(root, alpha.bundle.path);
    expect({ integrity: computeIntegrity(bundle), size: bundle.length }).toEqual({ integrity: alpha.bundle.integrity, size: alpha.bundle.size });
    expect(existsSync(join(root, "registry/dist/bundles/gamma-2.0.0.js"))).toBe(false);
    expect(JSON.parse((await read(root, "plugins.json")).toString())).toEqual([
      expect.objectContaining({ name: "The alpha connector", type: "ingestion_filtering", verified: true, maintainer: "official", displayOnWebsiteLib: true, url: "https://github.com/acme/connectors/tree/main/plugins/alpha" }),
      expect.objectContaining({ name: "The beta connector", verified: false, maintainer: "community", url: "bundles/beta-1.0.0.js" }),
    ]);
    expect(alpha).toMatchObject({ status: "stable", supportLevel: "official", categories: ["enrichment", "transformation"], sourceUrl: "https://github.com/acme/connectors/tree/main/plugins/alpha" });
    expect(catalog.connectors[1]).toMatchObject({ status: "stable", supportLevel: "community", categories: [] });
  });

  it("is deterministic: two builds of the same input are byte-identical", async () => {
    const root = await workspace([{ slug: "alpha" }], { approved: [approve("alpha")] });
    await buildRegistry({ root, env, skipTests: true });
    const first = await read(root, "registry.json");
    await buildRegistry({ root, env, skipTests: true });
    expect((await read(root, "registry.json")).equals(first)).toBe(true);
  });

  it("reuses cached bundles of unchanged connectors and rebuilds changed ones", async () => {
    const root = await workspace([{ slug: "alpha" }], { approved: [approve("alpha")] });
    const first = await buildRegistry({ root, env, skipTests: true });
    expect(existsSync(join(root, "node_modules/.cache/connectors-registry/alpha.json"))).toBe(true);
    const again = await buildRegistry({ root, env, skipTests: true });
    expect(again.catalog).toEqual(first.catalog);
    await writeFile(join(root, "plugins/alpha/index.ts"), "export const onEvent = async () => {};\n");
    const changed = await buildRegistry({ root, env, skipTests: true });
    expect(changed.catalog.connectors[0]).toMatchObject({ type: "destination", capabilities: { methods: ["onEvent"] } });
    expect((await read(root, "bundles/alpha-1.0.0.js")).toString()).toContain("onEvent");
  });

  it("derives capabilities, type and absolute URLs from a base URL", async () => {
    const code = "export const jobs = { sync: async () => {}, backfill: async () => {} };\nexport async function runEveryHour() {}\nexport function setupPlugin() {}\n";
    const root = await workspace([{ slug: "importer", code }], { approved: [approve("importer")] });
    const { catalog } = await buildRegistry({ root, env, skipTests: true, baseUrl: "https://cdn.example/registry" });
    expect(catalog.connectors[0]).toMatchObject({
      type: "scheduled",
      capabilities: { methods: ["setupPlugin"], scheduledTasks: ["runEveryHour"], jobs: ["backfill", "sync"] },
      bundle: { url: "https://cdn.example/registry/bundles/importer-1.0.0.js", path: "bundles/importer-1.0.0.js" },
    });
  });

  it("marks revoked versions and lists every revocation", async () => {
    const revoked = [
      { slug: "alpha", version: "1.0.0", reason: "leaks the API key", revokedAt: "2026-02-01T00:00:00Z" },
      { slug: "alpha", version: "0.9.0", reason: "old", revokedAt: "2026-01-01T00:00:00Z" },
    ];
    const root = await workspace([{ slug: "alpha" }], { approved: [approve("alpha")], revoked });
    const { catalog } = await buildRegistry({ root, env, skipTests: true });
    expect(catalog.connectors[0]!.revoked).toEqual({ reason: "leaks the API key", revokedAt: "2026-02-01T00:00:00Z" });
    expect(catalog.revoked.map((r) => r.version)).toEqual(["0.9.0", "1.0.0"]);
    expect(JSON.parse((await read(root, "plugins.json")).toString())).toEqual([]);
  });

  describe("bad input fails the build, naming the connector, and publishes nothing", () => {
    it.each<[string, FixtureConnector[], unknown[], RegExp]>([
      ["an invalid plugin.json", [{ slug: "alpha", manifest: { name: "" } }], [approve("alpha")], /alpha@1\.0\.0: .*plugin\.json.*\/name/s],
      ["plugin.json that is not JSON", [{ slug: "alpha", manifest: "{ nope" }], [approve("alpha")], /alpha@1\.0\.0: .*not valid JSON/s],
      ["a syntax error", [{ slug: "alpha", code: "export function processEvent( {" }], [approve("alpha")], /alpha@1\.0\.0: /],
      ["a forbidden import", [{ slug: "alpha", code: 'import fs from "node:fs";\nexport const processEvent = (e: unknown) => (fs, e);\n' }], [approve("alpha")], /alpha@1\.0\.0: .*node:fs/s],
      ["two connectors with one slug", [{ slug: "alpha" }, { slug: "alpha", dir: "alpha-copy" }], [approve("alpha")], /two connectors claim slug "alpha": plugins\/alpha and plugins\/alpha-copy/],
    ])("%s", async (_name, connectors, approved, message) => {
      const root = await workspace(connectors, { approved });
      const build = buildRegistry({ root, env, skipTests: true });
      await expect(build).rejects.toThrow(RegistryBuildError);
      await expect(buildRegistry({ root, env, skipTests: true })).rejects.toThrow(message);
      expect(existsSync(join(root, "registry/dist"))).toBe(false);
    });

    it("a failing connector keeps the previous catalog in place", async () => {
      const root = await workspace([{ slug: "alpha" }, { slug: "beta" }], { approved: [approve("alpha"), approve("beta")] });
      await buildRegistry({ root, env, skipTests: true });
      const before = await read(root, "registry.json");
      const checker = async () => [{ connector: "beta@1.0.0", message: "its tests failed" }];
      await expect(buildRegistry({ root, env, checker })).rejects.toThrow(/beta@1\.0\.0: its tests failed/);
      expect((await read(root, "registry.json")).equals(before)).toBe(true);
    });

    it("the checker only sees approved connectors", async () => {
      const root = await workspace([{ slug: "alpha" }, { slug: "beta" }], { approved: [approve("alpha")] });
      const seen: string[] = [];
      await buildRegistry({ root, env, checker: async (cs) => (seen.push(...cs.map((c) => c.slug)), []) });
      expect(seen).toEqual(["alpha"]);
    });
  });
});
