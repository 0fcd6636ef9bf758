import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Catalog } from "./catalog-types.ts";
import { CatalogUnavailableError, IntegrityError, RevokedConnectorError } from "./errors.ts";
import { computeIntegrity } from "./integrity.ts";
import { RegistryClient } from "./registry-client.ts";
import { keyIdOf, signDetached } from "./signature.ts";

const keys = generateKeyPairSync("ed25519");
const otherKeys = generateKeyPairSync("ed25519");
const publicPem = keys.publicKey.export({ type: "spki", format: "pem" }).toString();
const bundle = Buffer.from("module.exports = { processEvent: (e) => e };\n");

function makeCatalog(time: string, revoked: Catalog["revoked"] = []): Catalog {
  return {
    $schema: "https://posthog-connectors.dev/schemas/registry.schema.json",
    schemaVersion: 1,
    generated: { commit: "abc", time, keyId: keyIdOf(keys.publicKey) },
    connectors: [
      {
        slug: "hello-world",
        packageName: "posthog-hello-world-plugin",
        version: "1.0.0",
        name: "Hello World",
        type: "transformation",
        capabilities: { methods: ["processEvent"], scheduledTasks: [], jobs: [] },
        configSchema: { type: "object" },
        allowedHosts: [],
        bundle: { url: "bundles/hello-world-1.0.0.js", path: "bundles/hello-world-1.0.0.js", integrity: computeIntegrity(bundle), size: bundle.length },
        approval: { approvedBy: "alice", approvedAt: "2025-01-01T00:00:00Z" },
      },
    ],
    revoked,
  };
}

/** In-memory files served on loopback, with ETag / If-None-Match; `requests` records what was asked. */
const files = new Map<string, Buffer>();
const requests: Array<{ url: string; ifNoneMatch?: string }> = [];
let truncate: string | undefined;
let server: Server;
let base: string;

function publish(catalog: Catalog, signWith = keys.privateKey): void {
  const text = Buffer.from(`${JSON.stringify(catalog, null, 2)}\n`);
  files.set("/registry.json", text);
  files.set("/registry.json.sig", Buffer.from(signDetached(text, signWith)));
  files.set("/bundles/hello-world-1.0.0.js", bundle);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const ifNoneMatch = req.headers["if-none-match"];
    requests.push({ url: req.url!, ...(ifNoneMatch ? { ifNoneMatch } : {}) });
    const body = files.get(req.url!);
    if (!body) return void res.writeHead(404).end("not found");
    const etag = `"${computeIntegrity(body).slice(7, 27)}"`;
    if (ifNoneMatch === etag) return void res.writeHead(304, { etag }).end();
    if (truncate === req.url) {
      res.writeHead(200, { etag, "content-length": String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      return void res.destroy();
    }
    res.writeHead(200, { etag, "content-length": String(body.length) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let cacheDir: string;
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), "registry-client-"));
  files.clear();
  requests.length = 0;
  truncate = undefined;
  publish(makeCatalog("2025-01-01T00:00:00.000Z"));
});
afterEach(() => rm(cacheDir, { recursive: true, force: true }));

const client = (extra: Partial<ConstructorParameters<typeof RegistryClient>[0]> = {}) =>
  new RegistryClient({ url: base, publicKey: publicPem, cacheDir, timeoutMs: 2000, ...extra });

describe("RegistryClient.getCatalog", () => {
  it("fetches and verifies the catalog, then revalidates with If-None-Match", async () => {
    const first = await client().getCatalog();
    expect(first).toMatchObject({ source: "network", stale: false });
    expect(first.catalog.connectors.map((c) => c.slug)).toEqual(["hello-world"]);
    const second = await client().getCatalog();
    expect(second.source).toBe("not-modified");
    expect(requests.at(-1)).toMatchObject({ url: "/registry.json", ifNoneMatch: expect.stringMatching(/^"/) });
  });

  it.each([
    ["a wrong signature", () => publish(makeCatalog("2025-02-01T00:00:00.000Z"), otherKeys.privateKey), /does not match its signature/],
    ["a missing signature", () => (publish(makeCatalog("2025-02-01T00:00:00.000Z")), files.delete("/registry.json.sig")), /404/],
    ["a tampered catalog", () => (publish(makeCatalog("2025-02-01T00:00:00.000Z")), files.set("/registry.json", Buffer.from(files.get("/registry.json")!.toString().replace("alice", "mallory")))), /does not match its signature/],
    ["a truncated download", () => (publish(makeCatalog("2025-02-01T00:00:00.000Z")), (truncate = "/registry.json")), /failed/],
    ["an older (rolled back) catalog", () => publish(makeCatalog("2024-01-01T00:00:00.000Z")), /rollback/],
  ])("keeps the last good copy on %s", async (_name, breakIt, reason) => {
    await client().getCatalog();
    breakIt();
    const result = await client().getCatalog();
    expect(result).toMatchObject({ source: "cache", stale: true });
    expect(result.catalog.generated.time).toBe("2025-01-01T00:00:00.000Z");
    expect(result.error?.message).toMatch(reason);
  });

  it("never falls back to unsigned data: no good copy means an error", async () => {
    publish(makeCatalog("2025-01-01T00:00:00.000Z"), otherKeys.privateKey);
    await expect(client().getCatalog()).rejects.toThrow(CatalogUnavailableError);
  });

  it("falls back when the network is down", async () => {
    await client().getCatalog();
    const result = await client({ url: "http://127.0.0.1:1/" }).getCatalog();
    expect(result).toMatchObject({ source: "cache", stale: true });
  });

  it("uses the mirror base URL for the catalog and the bundles", async () => {
    const c = client({ url: "http://127.0.0.1:1/unreachable/", mirrorUrl: base });
    await c.fetchBundle("hello-world");
    expect(requests.map((r) => r.url)).toEqual(["/registry.json", "/registry.json.sig", "/bundles/hello-world-1.0.0.js"]);
  });
});

describe("RegistryClient.fetchBundle", () => {
  it("returns bytes that match the catalog's integrity", async () => {
    const { code, entry } = await client().fetchBundle("hello-world");
    expect(Buffer.from(code).equals(bundle)).toBe(true);
    expect(entry.version).toBe("1.0.0");
  });

  it("rejects a tampered bundle", async () => {
    files.set("/bundles/hello-world-1.0.0.js", Buffer.from(bundle.toString().replace("processEvent", "processEvenT")));
    await expect(client().fetchBundle("hello-world")).rejects.toThrow(IntegrityError);
  });

  it("rejects a truncated bundle", async () => {
    truncate = "/bundles/hello-world-1.0.0.js";
    await expect(client().fetchBundle("hello-world")).rejects.toThrow(/failed|bytes/);
  });

  it("refuses a revoked version", async () => {
    publish(makeCatalog("2025-03-01T00:00:00.000Z", [{ slug: "hello-world", version: "1.0.0", reason: "leaks tokens", revokedAt: "2025-03-01T00:00:00Z" }]));
    await expect(client().fetchBundle("hello-world", "1.0.0")).rejects.toThrow(RevokedConnectorError);
  });
});
