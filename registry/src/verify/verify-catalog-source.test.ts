import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RegistryClient, SignatureError } from "@connectors/registry-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegistry } from "../build/build-registry.ts";
import { createMirrorServer } from "../serve/create-mirror-server.ts";
import { approve, createFixtureWorkspace } from "../testing/fixture-workspace.ts";
import { TEST_PUBLIC_KEY_FILE } from "../sign/load-signing-key.ts";
import { verifyCatalogSource } from "./verify-catalog-source.ts";

let root: string;
let dist: string;
let base: string;
let close: () => void;
const publicKey = () => readFile(TEST_PUBLIC_KEY_FILE, "utf8");

beforeAll(async () => {
  root = await createFixtureWorkspace([{ slug: "alpha" }, { slug: "beta" }], {
    approved: [approve("alpha"), approve("beta")],
    revoked: [{ slug: "beta", version: "1.0.0", reason: "sends events twice", revokedAt: "2026-03-01T00:00:00Z" }],
  });
  ({ outDir: dist } = await buildRegistry({ root, skipTests: true, env: { SOURCE_DATE_EPOCH: "1767225600" } }));
  const server = createMirrorServer({ dir: dist });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  close = () => server.close();
});
afterAll(async () => {
  close();
  await rm(root, { recursive: true, force: true });
});

describe("build → serve → client, end to end on loopback", () => {
  it("a client fetches the served catalog (gzip, ETag), verifies it and a bundle, and refuses the revoked one", async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), "client-cache-"));
    const client = new RegistryClient({ url: base, publicKey: await publicKey(), cacheDir });
    expect((await client.getCatalog()).source).toBe("network");
    expect((await new RegistryClient({ url: base, publicKey: await publicKey(), cacheDir }).getCatalog()).source).toBe("not-modified");
    const { code } = await client.fetchBundle("alpha");
    expect(Buffer.from(code).toString()).toContain("processEvent");
    await expect(client.fetchBundle("beta")).rejects.toThrow(/beta@1\.0\.0 has been revoked: sends events twice/);
    await rm(cacheDir, { recursive: true, force: true });
  });

  it("verifies a catalog by URL and by file", async () => {
    for (const target of [base, join(dist, "registry.json"), dist]) {
      const { bundles } = await verifyCatalogSource(target, await publicKey());
      expect(bundles).toEqual([
        { slug: "alpha", version: "1.0.0", ok: true, revoked: false },
        { slug: "beta", version: "1.0.0", ok: true, revoked: true },
      ]);
    }
  });

  it("reports a tampered bundle and rejects a catalog signed by another key", async () => {
    const file = join(dist, "bundles/alpha-1.0.0.js");
    const original = await readFile(file);
    await writeFile(file, Buffer.concat([original, Buffer.from("\n// extra")]));
    try {
      const { bundles } = await verifyCatalogSource(base, await publicKey());
      expect(bundles[0]).toMatchObject({ slug: "alpha", ok: false, error: expect.stringMatching(/bytes, the catalog says/) });
    } finally {
      await writeFile(file, original);
    }
    const { generateKeyPairSync } = await import("node:crypto");
    const other = generateKeyPairSync("ed25519").publicKey;
    await expect(verifyCatalogSource(dist, other)).rejects.toThrow(SignatureError);
  });
});
