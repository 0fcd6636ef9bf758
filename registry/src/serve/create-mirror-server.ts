import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join, normalize, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { contentTypeOf, isCompressible } from "./content-type.ts";

/** Options of {@link createMirrorServer}. */
export interface MirrorServerOptions {
  /** The catalog directory to serve (registry/dist). */
  dir: string;
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  body: Buffer;
  gzip?: Buffer;
  etag: string;
  type: string;
}

const IMMUTABLE = /^\/(bundles|icons)\//;

function send(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(message) }).end(message);
}

/** Maps a request path into `dir`, refusing anything that would leave it. */
function toFile(dir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const file = resolve(dir, `.${normalize(`/${decoded}`)}`);
  return file === dir || file.startsWith(dir + sep) ? file : undefined;
}

async function load(cache: Map<string, CachedFile>, file: string): Promise<CachedFile | undefined> {
  const info = await stat(file).catch(() => undefined);
  const target = info?.isDirectory() ? join(file, "index.html") : file;
  const st = info?.isDirectory() ? await stat(target).catch(() => undefined) : info;
  if (!st?.isFile()) return undefined;
  const hit = cache.get(target);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit;
  const body = await readFile(target);
  const type = contentTypeOf(target);
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const entry: CachedFile = { mtimeMs: st.mtimeMs, size: st.size, body, etag, type, ...(isCompressible(type) && body.length > 256 ? { gzip: gzipSync(body, { level: 9 }) } : {}) };
  cache.set(target, entry);
  return entry;
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.slice(1, -1);
  return header.split(",").some((tag) => {
    const t = tag.trim().replace(/^W\//, "");
    return t === "*" || t === etag || t === `"${bare}-gzip"`;
  });
}

/**
 * A static server for a catalog directory: strong ETags with If-None-Match → 304, gzip when the
 * client accepts it, correct content types, `immutable` caching for versioned bundles and `no-cache`
 * (always revalidate) for registry.json and its signature. GET and HEAD only; paths cannot escape
 * `dir`. Returns an unstarted server: call `listen`.
 *
 * @example
 * createMirrorServer({ dir: "registry/dist" }).listen(8787, "127.0.0.1");
 */
export function createMirrorServer(options: MirrorServerOptions): Server {
  const dir = resolve(options.dir);
  const cache = new Map<string, CachedFile>();
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    void handle(dir, cache, req, res).catch(() => send(res, 500, "internal error"));
  });
}

async function handle(dir: string, cache: Map<string, CachedFile>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    return send(res, 405, "method not allowed");
  }
  const path = new URL(req.url ?? "/", "http://mirror.invalid").pathname;
  const file = toFile(dir, path);
  const entry = file ? await load(cache, file) : undefined;
  if (!entry) return send(res, 404, `not found: ${path}`);
  const gzip = entry.gzip && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const etag = gzip ? `"${entry.etag.slice(1, -1)}-gzip"` : entry.etag;
  const headers: Record<string, string> = {
    etag,
    "content-type": entry.type,
    "cache-control": IMMUTABLE.test(path) ? "public, max-age=31536000, immutable" : "no-cache",
    "x-content-type-options": "nosniff",
  };
  if (entry.gzip) headers.vary = "Accept-Encoding";
  if (matches(req.headers["if-none-match"], entry.etag)) return void res.writeHead(304, headers).end();
  const body = gzip ? entry.gzip! : entry.body;
  if (gzip) headers["content-encoding"] = "gzip";
  headers["content-length"] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}
