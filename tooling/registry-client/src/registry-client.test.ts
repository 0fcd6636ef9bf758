import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type ServerResponse, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Catalog } from "./catalog-types.ts";
import { CatalogExpiredError, CatalogUnavailableError, IntegrityError, RevokedConnectorError, RollbackError, SignatureError } from "./errors.ts";
import { writeCachedCatalog } from "./catalog-cache.ts";
import { computeIntegrity } from "./integrity.ts";
import { RegistryClient } from "./registry-client.ts";
import { keyIdOf, signDetached } from "./signature.ts";

const keys = generateKeyPairSync("ed25519");
const otherKeys = generateKeyPairSync("ed25519");
const publicPem = keys.publicKey.export({ type: "spki", format: "pem" }).toString();
const bundle = Buffer.from("module.exports = { processEvent: (e) => e };\n");
const DAY = 86_400_000;
const T0 = Date.parse("2025-01-10T00:00:00Z");

function makeCatalog(generation: number, options: { expiresAt?: number; revoked?: Catalog["revoked"]; keyId?: string; testKey?: boolean; lifecycle?: Partial<Catalog["connectors"][number]> } = {}): Catalog {
  return {
    $schema: "https://posthog-connectors.dev/schemas/registry.schema.json",
    schemaVersion: 2,
    generated: { commit: "abc", time: "2025-01-01T00:00:00.000Z" },
    connectors: [
      {
        slug: "hello-world",
        packageName: "posthog-hello-world-plugin",
        version: "1.0.0",
        name: "Hello World",
        type: "transformation",
        status: "stable",
        supportLevel: "official",
        categories: ["transformation"],
        ...options.lifecycle,
        capabilities: { methods: ["processEvent"], scheduledTasks: [], jobs: [] },
        configSchema: { type: "object" },
        allowedHosts: [],
        bundle: { url: "bundles/hello-world-1.0.0.js", path: "bundles/hello-world-1.0.0.js", integrity: computeIntegrity(bundle), size: bundle.length },
        approval: { approvedBy: "alice", approvedAt: "2025-01-01T00:00:00Z" },
      },
    ],
    revoked: options.revoked ?? [],
    files: { "bundles/hello-world-1.0.0.js": { integrity: computeIntegrity(bundle), size: bundle.length } },
    signed: {
      keyId: options.keyId ?? keyIdOf(keys.publicKey),
      generation,
      signedAt: new Date(T0 - DAY).toISOString(),
      expiresAt: new Date(options.expiresAt ?? T0 + 7 * DAY).toISOString(),
      ...(options.testKey ? { testKey: true } : {}),
    },
  };
}

/** In-memory files served on loopback, with ETag / If-None-Match; `requests` records what was asked. */
const files = new Map<string, Buffer>();
const requests: Array<{ url: string; ifNoneMatch?: string }> = [];
let truncate: string | undefined;
/** Per-path misbehaviour of a hostile mirror. */
const hostile = new Map<string, (res: ServerResponse) => void>();
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
    const misbehave = hostile.get(req.url!);
    if (misbehave) return misbehave(res);
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
let now: number;
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), "registry-client-"));
  files.clear();
  hostile.clear();
  requests.length = 0;
  truncate = undefined;
  now = T0;
  publish(makeCatalog(100));
});
afterEach(() => rm(cacheDir, { recursive: true, force: true }));

const client = (extra: Partial<ConstructorParameters<typeof RegistryClient>[0]> = {}) =>
  new RegistryClient({ url: base, publicKey: publicPem, cacheDir, timeoutMs: 2000, now: () => now, ...extra });

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
    ["a wrong signature", () => publish(makeCatalog(101), otherKeys.privateKey), /does not match its signature/],
    ["a missing signature", () => (publish(makeCatalog(101)), files.delete("/registry.json.sig")), /404/],
    ["a tampered catalog", () => (publish(makeCatalog(101)), files.set("/registry.json", Buffer.from(files.get("/registry.json")!.toString().replace("alice", "mallory")))), /does not match its signature/],
    ["a truncated download", () => (publish(makeCatalog(101)), (truncate = "/registry.json")), /failed/],
    ["an older (rolled back) generation", () => publish(makeCatalog(99)), /generation 99 is lower than generation 100.*rollback/],
    ["a keyId that is not the signer's", () => publish(makeCatalog(101, { keyId: "ed25519:0000000000000000" })), /signed\.keyId says ed25519:0000000000000000/],
    ["an oversized signature file", () => (publish(makeCatalog(101)), files.set("/registry.json.sig", Buffer.alloc(4096, 65))), /larger than 1024 bytes/],
  ])("keeps the last good copy on %s", async (_name, breakIt, reason) => {
    await client().getCatalog();
    breakIt();
    const result = await client().getCatalog();
    expect(result).toMatchObject({ source: "cache", stale: true });
    expect(result.catalog.signed.generation).toBe(100);
    expect(result.error?.message).toMatch(reason);
  });

  it("never falls back to unsigned data: no good copy means an error", async () => {
    publish(makeCatalog(100), otherKeys.privateKey);
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

describe("catalog freshness", () => {
  it("refuses a catalog that is already expired, naming the expiry and the fix", async () => {
    publish(makeCatalog(100, { expiresAt: T0 - 1 }));
    const fetching = client().getCatalog();
    await expect(fetching).rejects.toThrow(CatalogExpiredError);
    await expect(client().getCatalog()).rejects.toThrow(/generation 100 \(signed 2025-01-09T00:00:00\.000Z\) expired at 2025-01-09T23:59:59\.999Z[\s\S]*Fix: re-sync the mirror/);
  });

  it("a mirror that keeps answering 304 cannot pin the instance past expiry", async () => {
    expect((await client().getCatalog()).source).toBe("network");
    now = T0 + 3 * DAY;
    expect((await client().getCatalog()).source).toBe("not-modified");
    hostile.set("/registry.json", (res) => void res.writeHead(304, { etag: '"forever"' }).end());
    now = T0 + 8 * DAY;
    await expect(client().getCatalog()).rejects.toThrow(CatalogExpiredError);
    expect(requests.at(-1)).toEqual({ url: "/registry.json" });
  });

  it("an honest mirror that still serves the expired catalog: asked for the full copy, still refused", async () => {
    await client().getCatalog();
    now = T0 + 8 * DAY;
    await expect(client().getCatalog()).rejects.toThrow(/expired at/);
    expect(requests.filter((r) => r.url === "/registry.json").at(-1)).toEqual({ url: "/registry.json" });
    publish(makeCatalog(101, { expiresAt: T0 + 15 * DAY }));
    expect(await client().getCatalog()).toMatchObject({ source: "network", catalog: { signed: { generation: 101 } } });
  });

  it("the last good copy is a fallback only until it expires", async () => {
    await client().getCatalog();
    const down = { url: "http://127.0.0.1:1/" };
    now = T0 + 6 * DAY;
    expect(await client(down).getCatalog()).toMatchObject({ source: "cache", stale: true });
    now = T0 + 7 * DAY;
    await expect(client(down).getCatalog()).rejects.toThrow(/expired at 2025-01-17T00:00:00\.000Z.*Refreshing it failed: GET http:\/\/127\.0\.0\.1:1\/registry\.json failed/s);
  });

  it("refuses a lower generation than the persisted high-water mark, even without the last good copy", async () => {
    publish(makeCatalog(105));
    await client().getCatalog();
    await rm(join(cacheDir, "last-good-catalog.json"));
    publish(makeCatalog(104));
    await expect(client().getCatalog()).rejects.toThrow(CatalogUnavailableError);
    await expect(client().getCatalog()).rejects.toThrow(/generation 104 is lower than generation 105/);
    const error = await client().getCatalog().catch((e: Error) => e.cause);
    expect(error).toBeInstanceOf(RollbackError);
    publish(makeCatalog(105));
    expect((await client().getCatalog()).catalog.signed.generation).toBe(105);
  });

  it("a last good copy swapped on disk for an older (genuine) one is not trusted", async () => {
    publish(makeCatalog(105));
    await client().getCatalog();
    const older = Buffer.from(`${JSON.stringify(makeCatalog(103), null, 2)}\n`);
    await writeCachedCatalog(cacheDir, { registry: older.toString(), signature: signDetached(older, keys.privateKey), url: base });
    await expect(client({ url: "http://127.0.0.1:1/" }).getCatalog()).rejects.toThrow(CatalogUnavailableError);
    expect(JSON.parse(readFileSync(join(cacheDir, "catalog-high-water.json"), "utf8"))).toEqual({ generation: 105 });
  });

  it("refuses the development key unless told to allow it", async () => {
    const dev = readFileSync(join(import.meta.dirname, "../../../registry/keys/test-signing-key.pub.pem"), "utf8");
    await expect(client({ publicKey: dev }).getCatalog()).rejects.toThrow(/development key .* anyone can sign with it/);
    publish(makeCatalog(101, { testKey: true }));
    const refused = await client().getCatalog().catch((e: Error) => e);
    expect(refused).toBeInstanceOf(CatalogUnavailableError);
    expect((refused as Error).cause).toBeInstanceOf(SignatureError);
    expect((refused as Error).message).toMatch(/signed with the development key \(signed\.testKey\): local use only\. Fix:/);
    expect((await client({ allowDevelopmentKey: true }).getCatalog()).catalog.signed.testKey).toBe(true);
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

  it("stops reading an endless bundle at its signed size", async () => {
    let written = 0;
    let closed!: () => void;
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    hostile.set("/bundles/hello-world-1.0.0.js", (res) => {
      res.writeHead(200, { "content-type": "application/javascript" });
      res.on("close", closed);
      const pump = () => {
        while (!res.destroyed && res.write(Buffer.alloc(16 * 1024, 0x20))) written += 16 * 1024;
        if (!res.destroyed) res.once("drain", pump);
      };
      pump();
    });
    await expect(client().fetchBundle("hello-world")).rejects.toThrow(/more than the catalog's signed size of \d+ bytes; stopped reading/);
    await serverSawClose;
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it("refuses a declared Content-Length above the signed size before reading", async () => {
    hostile.set("/bundles/hello-world-1.0.0.js", (res) => void res.writeHead(200, { "content-length": String(10 * bundle.length) }).end(Buffer.alloc(10 * bundle.length)));
    await expect(client().fetchBundle("hello-world")).rejects.toThrow(IntegrityError);
  });

  it("a deprecated connector installs with a warning naming its replacement (returned and passed to onNotice)", async () => {
    publish(makeCatalog(101, { lifecycle: { status: "deprecated", deprecation: { date: "2025-01-05", replacement: "hello-world-2", reason: "renamed" }, example: true } }));
    const seen: string[] = [];
    const { notices } = await client({ onNotice: (n) => seen.push(n.kind) }).fetchBundle("hello-world");
    expect(notices.map((n) => [n.kind, n.severity])).toEqual([["deprecated", "warning"], ["example", "info"]]);
    expect(notices[0]!.message).toBe("hello-world is deprecated since 2025-01-05 (renamed): install hello-world-2 instead (`connectors install hello-world-2`).");
    expect(seen).toEqual(["deprecated", "example"]);
  });

  it("a stable official connector comes with no notice", async () => {
    expect((await client().fetchBundle("hello-world")).notices).toEqual([]);
  });

  it("refuses a revoked version", async () => {
    publish(makeCatalog(101, { revoked: [{ slug: "hello-world", version: "1.0.0", reason: "leaks tokens", revokedAt: "2025-03-01T00:00:00Z" }] }));
    await expect(client().fetchBundle("hello-world", "1.0.0")).rejects.toThrow(RevokedConnectorError);
  });
});
