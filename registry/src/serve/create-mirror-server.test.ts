import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMirrorServer } from "./create-mirror-server.ts";

let dir: string;
let base: string;
const server = { close: () => {} } as { close: () => void };
const json = JSON.stringify({ connectors: Array.from({ length: 50 }, (_, i) => ({ slug: `c${i}` })) });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mirror-"));
  await mkdir(join(dir, "bundles"));
  await writeFile(join(dir, "registry.json"), json);
  await writeFile(join(dir, "registry.json.sig"), "c2ln\n");
  await writeFile(join(dir, "bundles/a-1.0.0.js"), "module.exports = {};\n".repeat(30));
  await writeFile(join(dir, "icon.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const s = createMirrorServer({ dir });
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  server.close = () => s.close();
});
afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

/** A raw GET (no automatic decompression), for asserting on the wire format. */
function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { headers, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

describe("createMirrorServer", () => {
  it.each([
    ["/registry.json", "application/json; charset=utf-8", "no-cache"],
    ["/registry.json.sig", "text/plain; charset=utf-8", "no-cache"],
    ["/bundles/a-1.0.0.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"],
    ["/icon.png", "image/png", "no-cache"],
  ])("serves %s as %s", async (path, type, cacheControl) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ "content-type": type, "cache-control": cacheControl, etag: expect.stringMatching(/^"[\w-]{27}"$/) });
  });

  it("answers If-None-Match with 304, for the plain and the gzip ETag", async () => {
    const plain = await get("/registry.json");
    expect((await get("/registry.json", { "if-none-match": String(plain.headers.etag) })).status).toBe(304);
    const gz = await get("/registry.json", { "accept-encoding": "gzip" });
    const again = await get("/registry.json", { "accept-encoding": "gzip", "if-none-match": String(gz.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("gzips compressible files when asked, with Vary", async () => {
    const res = await get("/registry.json", { "accept-encoding": "gzip, deflate" });
    expect(res.headers).toMatchObject({ "content-encoding": "gzip", vary: "Accept-Encoding" });
    expect(gunzipSync(res.body).toString()).toBe(json);
    expect(res.body.length).toBe(Number(res.headers["content-length"]));
    expect((await get("/icon.png", { "accept-encoding": "gzip" })).headers["content-encoding"]).toBeUndefined();
  });

  it("answers HEAD without a body", async () => {
    const res = await get("/registry.json", {}, "HEAD");
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
    expect(Number(res.headers["content-length"])).toBe(json.length);
  });

  it.each(["/nope.json", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/bundles/%00"])("refuses %s with 404", async (path) => {
    expect((await get(path)).status).toBe(404);
  });

  it("refuses other methods", async () => {
    expect((await get("/registry.json", {}, "POST")).status).toBe(405);
  });
});
