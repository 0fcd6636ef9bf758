import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DEVELOPMENT_KEY_ID, verifyCatalog } from "@connectors/registry-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildRegistry } from "../build/build-registry.ts";
import { runSignCommand } from "../commands/sign-command.ts";
import { CatalogSignError, SigningKeyError } from "../errors.ts";
import { approve, createFixtureWorkspace } from "../testing/fixture-workspace.ts";
import { loadSigningKey, TEST_PUBLIC_KEY_FILE } from "./load-signing-key.ts";
import { signCatalog } from "./sign-catalog.ts";

const NOW = new Date("2026-03-01T12:00:00.000Z");
const key = loadSigningKey({});
let root: string;
let dist: string;
let built: Buffer;

beforeAll(async () => {
  root = await createFixtureWorkspace([{ slug: "alpha" }, { slug: "beta" }], { approved: [approve("alpha"), approve("beta")] });
  dist = join(root, "registry/dist");
  await buildRegistry({ root, skipTests: true, env: { SOURCE_DATE_EPOCH: "1767225600" } });
  built = await readFile(join(dist, "registry.json"));
});
afterAll(() => rm(root, { recursive: true, force: true }));
beforeEach(async () => {
  await writeFile(join(dist, "registry.json"), built);
  await rm(join(dist, "registry.json.sig"), { force: true });
});

const read = (file: string) => readFile(join(dist, file), "utf8");
const publicKey = () => readFile(TEST_PUBLIC_KEY_FILE, "utf8");

describe("signCatalog", () => {
  it("adds the signed block (key, generation, expiry) and a signature clients accept", async () => {
    const catalog = await signCatalog({ dir: dist, key, now: NOW });
    expect(catalog.signed).toEqual({ keyId: DEVELOPMENT_KEY_ID, generation: NOW.getTime() / 1000, signedAt: "2026-03-01T12:00:00.000Z", expiresAt: "2026-03-08T12:00:00.000Z", testKey: true });
    const accepted = verifyCatalog(await read("registry.json"), await read("registry.json.sig"), { publicKey: await publicKey(), source: "dist", now: NOW.getTime(), allowDevelopmentKey: true });
    expect(accepted.connectors.map((c) => c.slug)).toEqual(["alpha", "beta"]);
    expect(await read("registry.pub.pem")).toBe(await publicKey());
    const { signed: _, ...unsigned } = accepted;
    expect(unsigned).toEqual(JSON.parse(built.toString()));
  });

  it("re-signing raises the generation even within the same second", async () => {
    const first = await signCatalog({ dir: dist, key, now: NOW });
    const second = await signCatalog({ dir: dist, key, now: NOW, validityMs: 60_000 });
    expect(second.signed.generation).toBe(first.signed.generation + 1);
    expect(second.signed.expiresAt).toBe("2026-03-01T12:01:00.000Z");
  });

  it("the signature covers the freshness envelope: editing expiresAt breaks it", async () => {
    await signCatalog({ dir: dist, key, now: NOW });
    const edited = (await read("registry.json")).replace("2026-03-08T12:00:00.000Z", "2099-03-08T12:00:00.000Z");
    expect(() => verifyCatalog(edited, undefined, { publicKey: key.publicPem, source: "dist", allowDevelopmentKey: true })).toThrow(/missing or empty/);
    const signature = await read("registry.json.sig");
    expect(() => verifyCatalog(edited, signature, { publicKey: key.publicPem, source: "dist", allowDevelopmentKey: true })).toThrow(/does not match its signature/);
  });

  describe("refuses a directory the build did not produce, and writes nothing", () => {
    const cases: Array<[string, () => Promise<() => Promise<void>>, RegExp]> = [
      ["an altered bundle", async () => {
        const file = join(dist, "bundles/alpha-1.0.0.js");
        const original = await readFile(file);
        await writeFile(file, Buffer.concat([original, Buffer.from("\n;globalThis.x = 1;")]));
        return () => writeFile(file, original);
      }, /bundles\/alpha-1\.0\.0\.js: has \d+ bytes, registry\.json says \d+/],
      ["a file added after the build", async () => {
        await writeFile(join(dist, "extra.js"), "alert(1)");
        return () => rm(join(dist, "extra.js"));
      }, /extra\.js: is not listed in registry\.json/],
      ["a missing page", async () => {
        const file = join(dist, "index.html");
        const original = await readFile(file);
        await rm(file);
        return () => writeFile(file, original);
      }, /index\.html: is listed in registry\.json but missing/],
      ["a listed path outside the directory", async () => {
        const catalog = JSON.parse(built.toString());
        catalog.files["../../escape.txt"] = { integrity: `sha256-${"A".repeat(43)}=`, size: 1 };
        await writeFile(join(dist, "registry.json"), JSON.stringify(catalog));
        return async () => {};
      }, /files.*\.\.\/\.\.\/escape\.txt|must match pattern/s],
      ["registry.json that is not JSON", async () => {
        await writeFile(join(dist, "registry.json"), "{ nope");
        return async () => {};
      }, /registry\.json cannot be read as JSON.*Fix: run `pnpm registry build` first/s],
      ["registry.json missing a field", async () => {
        const { files: _, ...catalog } = JSON.parse(built.toString());
        await writeFile(join(dist, "registry.json"), JSON.stringify(catalog));
        return async () => {};
      }, /files/],
    ];
    it.each(cases)("%s", async (_name, breakIt, message) => {
      const restore = await breakIt();
      try {
        const before = await read("registry.json");
        await expect(signCatalog({ dir: dist, key, now: NOW })).rejects.toThrow(CatalogSignError);
        await expect(signCatalog({ dir: dist, key, now: NOW })).rejects.toThrow(message);
        expect(await read("registry.json")).toBe(before);
        expect(existsSync(join(dist, "registry.json.sig"))).toBe(false);
      } finally {
        await restore();
      }
    });
  });
});

describe("pnpm registry sign", () => {
  it("refuses the development key in CI unless --dev-key says so", async () => {
    await expect(runSignCommand({ dir: dist, env: { CI: "true" } }, () => {})).rejects.toThrow(SigningKeyError);
    await expect(runSignCommand({ dir: dist, env: { CI: "true" } }, () => {})).rejects.toThrow(/CONNECTORS_SIGNING_KEY is not set and CI is/);
    const lines: string[] = [];
    expect(await runSignCommand({ dir: dist, env: { CI: "true" }, devKey: true }, (l) => lines.push(l))).toBe(0);
    expect(lines.join("\n")).toMatch(/DEVELOPMENT key: local use only[\s\S]*generation \d+, signed .*, expires/);
  });

  it("rejects a nonsensical validity", async () => {
    await expect(runSignCommand({ dir: dist, env: {}, expiresInDays: -1 }, () => {})).rejects.toThrow(/--expires-in -1 is not a number of days/);
  });
});
