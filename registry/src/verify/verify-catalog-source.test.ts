import { generateKeyPairSync } from "node:crypto";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CatalogExpiredError, RegistryClient, SignatureError } from "@connectors/registry-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegistry } from "../build/build-registry.ts";
import { runVerifyCommand } from "../commands/verify-command.ts";
import { createMirrorServer } from "../serve/create-mirror-server.ts";
import { approve, createFixtureWorkspace } from "../testing/fixture-workspace.ts";
import { loadSigningKey, type SigningKey } from "../sign/load-signing-key.ts";
import { signCatalog } from "../sign/sign-catalog.ts";
import { verifyCatalogSource } from "./verify-catalog-source.ts";

const DAY = 86_400_000;
const SIGNED_AT = new Date("2026-03-01T00:00:00.000Z");
/** A production-shaped key (not the committed development key): what instances pin. */
const production: SigningKey = loadSigningKey({ CONNECTORS_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString() });

let root: string;
let dist: string;
let base: string;
let close: () => void;
const cacheDirs: string[] = [];
const newCacheDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), "client-cache-"));
  cacheDirs.push(dir);
  return dir;
};
const at = (ms: number) => () => ms;

beforeAll(async () => {
  root = await createFixtureWorkspace([{ slug: "alpha" }, { slug: "beta" }], {
    approved: [approve("alpha"), approve("beta")],
    revoked: [{ slug: "beta", version: "1.0.0", reason: "sends events twice", revokedAt: "2026-03-01T00:00:00Z" }],
  });
  ({ outDir: dist } = await buildRegistry({ root, skipTests: true, env: { SOURCE_DATE_EPOCH: "1767225600" } }));
  await signCatalog({ dir: dist, key: production, now: SIGNED_AT });
  const server = createMirrorServer({ dir: dist });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  close = () => server.close();
});
afterAll(async () => {
  close();
  await Promise.all([root, ...cacheDirs].map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("build → sign → serve → client, end to end on loopback", () => {
  it("a client fetches the served catalog (gzip, ETag), verifies it and a bundle, and refuses the revoked one", async () => {
    const cacheDir = await newCacheDir();
    const options = { url: base, publicKey: production.publicPem, cacheDir, now: at(SIGNED_AT.getTime() + DAY) };
    const client = new RegistryClient(options);
    expect((await client.getCatalog()).source).toBe("network");
    expect((await new RegistryClient(options).getCatalog()).source).toBe("not-modified");
    const { code } = await client.fetchBundle("alpha");
    expect(Buffer.from(code).toString()).toContain("processEvent");
    await expect(client.fetchBundle("beta")).rejects.toThrow(/beta@1\.0\.0 has been revoked: sends events twice/);
  });

  it("the mirror's 304 does not keep an expired catalog alive; a re-signed one is accepted; the old one is then a rollback", async () => {
    const cacheDir = await newCacheDir();
    const client = (now: number) => new RegistryClient({ url: base, publicKey: production.publicPem, cacheDir, now: at(now) });
    await client(SIGNED_AT.getTime() + DAY).getCatalog();
    await expect(client(SIGNED_AT.getTime() + 8 * DAY).getCatalog()).rejects.toThrow(CatalogExpiredError);
    const old = { json: await readFile(join(dist, "registry.json")), sig: await readFile(join(dist, "registry.json.sig")) };
    try {
      await signCatalog({ dir: dist, key: production, now: new Date(SIGNED_AT.getTime() + 6 * DAY) });
      expect((await client(SIGNED_AT.getTime() + 8 * DAY).getCatalog()).catalog.signed.expiresAt).toBe("2026-03-14T00:00:00.000Z");
      await writeFile(join(dist, "registry.json"), old.json);
      await writeFile(join(dist, "registry.json.sig"), old.sig);
      const replayed = await client(SIGNED_AT.getTime() + 2 * DAY).getCatalog();
      expect(replayed).toMatchObject({ source: "cache", stale: true, error: { message: expect.stringMatching(/is lower than generation \d+.*rollback/) } });
    } finally {
      await writeFile(join(dist, "registry.json"), old.json);
      await writeFile(join(dist, "registry.json.sig"), old.sig);
    }
  });

  it("verifies a catalog by URL and by file", async () => {
    for (const target of [base, join(dist, "registry.json"), dist]) {
      const { bundles, files } = await verifyCatalogSource(target, production.publicPem, { now: SIGNED_AT.getTime() });
      expect(bundles).toEqual([
        { slug: "alpha", version: "1.0.0", ok: true, revoked: false },
        { slug: "beta", version: "1.0.0", ok: true, revoked: true },
      ]);
      expect(files).toEqual([]);
    }
  });

  it("reports a tampered bundle and an added file, and rejects a catalog signed by another key or expired", async () => {
    const file = join(dist, "bundles/alpha-1.0.0.js");
    const original = await readFile(file);
    await writeFile(file, Buffer.concat([original, Buffer.from("\n// extra")]));
    await writeFile(join(dist, "added.html"), "<script>alert(1)</script>");
    try {
      const remote = await verifyCatalogSource(base, production.publicPem, { now: SIGNED_AT.getTime() });
      expect(remote.bundles[0]).toMatchObject({ slug: "alpha", ok: false, error: expect.stringMatching(/more than the catalog's signed size/) });
      const local = await verifyCatalogSource(dist, production.publicPem, { now: SIGNED_AT.getTime() });
      expect(local.files).toEqual([
        { path: "added.html", problem: "is not listed in registry.json (written after the build?)" },
        { path: "bundles/alpha-1.0.0.js", problem: expect.stringMatching(/has \d+ bytes, registry\.json says \d+/) },
      ]);
    } finally {
      await writeFile(file, original);
      await rm(join(dist, "added.html"));
    }
    await expect(verifyCatalogSource(dist, generateKeyPairSync("ed25519").publicKey)).rejects.toThrow(SignatureError);
    await expect(verifyCatalogSource(dist, production.publicPem, { now: SIGNED_AT.getTime() + 30 * DAY })).rejects.toThrow(/expired at 2026-03-08T00:00:00\.000Z/);
  });
});

describe("pnpm registry verify", () => {
  it("accepts a local development catalog by default and says which key it used", async () => {
    const local = await createFixtureWorkspace([{ slug: "alpha" }], { approved: [approve("alpha")] });
    try {
      const { outDir } = await buildRegistry({ root: local, skipTests: true });
      await signCatalog({ dir: outDir, key: loadSigningKey({}) });
      const lines: string[] = [];
      expect(await runVerifyCommand({ target: outDir }, (l) => lines.push(l))).toBe(0);
      expect(lines.join("\n")).toMatch(/note: verifying against the committed DEVELOPMENT key[\s\S]*signature ok: ed25519:437998fde574f280 \(DEVELOPMENT key\), generation \d+[\s\S]*1 bundle\(s\) verified/);
    } finally {
      await rm(local, { recursive: true, force: true });
    }
  });

  it("needs a pinned key (or --dev-key) for a URL", async () => {
    await expect(runVerifyCommand({ target: base }, () => {})).rejects.toThrow(/pass --public-key <registry\.pub\.pem you were given>, or --dev-key/);
  });

  it("fails with the file that differs", async () => {
    const keyFile = join(await newCacheDir(), "pinned.pem");
    await writeFile(keyFile, production.publicPem);
    await signCatalog({ dir: dist, key: production });
    await writeFile(join(dist, "index.html"), "<p>defaced</p>");
    try {
      const lines: string[] = [];
      expect(await runVerifyCommand({ target: dist, publicKeyFile: keyFile }, (l) => lines.push(l))).toBe(1);
      expect(lines.join("\n")).toMatch(/^signature ok: ed25519:[0-9a-f]{16}, generation[\s\S]*FAIL index\.html: has 14 bytes, registry\.json says \d+\n1 problem\(s\): the catalog does not match what was signed$/);
    } finally {
      await buildRegistry({ root, skipTests: true, env: { SOURCE_DATE_EPOCH: "1767225600" } });
      await signCatalog({ dir: dist, key: production, now: SIGNED_AT });
    }
  });
});
