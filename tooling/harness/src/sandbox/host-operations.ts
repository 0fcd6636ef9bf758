import * as crypto from "node:crypto";
import * as legacyUrl from "node:url";
import * as zlib from "node:zlib";
import { readCappedBody } from "@connectors/plugin-api";

/** The parts of a WHATWG URL the isolate's URL class shows. */
export interface UrlParts {
  href: string;
  origin: string;
  protocol: string;
  username: string;
  password: string;
  host: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  hash: string;
}

function partsOf(url: URL): UrlParts {
  const { href, origin, protocol, username, password, host, hostname, port, pathname, search, hash } = url;
  return { href, origin, protocol, username, password, host, hostname, port, pathname, search, hash };
}

const ZLIB_FUNCTIONS = new Set(["gzipSync", "gunzipSync", "deflateSync", "inflateSync", "deflateRawSync", "inflateRawSync", "unzipSync", "brotliCompressSync", "brotliDecompressSync"]);

type ZlibSync = (data: Uint8Array, options?: object) => Buffer;

/** Largest output a zlib call may hand back to the isolate (decompression bombs stop here). */
const MAX_ZLIB_OUTPUT = 64 * 1024 * 1024;

/**
 * Caps on what one synchronous host call may take: these calls run on the host thread, where the
 * isolate's CPU limit cannot stop them, so their cost must be bounded by their input.
 */
export const SYNC_CALL_CAPS = {
  /** Bytes one crypto.randomBytes call may ask for. */
  randomBytes: 1024 * 1024,
  /** Bytes one hash or HMAC may digest. */
  digestBytes: 64 * 1024 * 1024,
  /** Characters of a URL (or a part set on one). */
  urlChars: 1024 * 1024,
  /** Bytes one zlib call may take in. */
  zlibInput: 32 * 1024 * 1024,
} as const;

/** Refuses a synchronous host call whose input is over its cap, naming the call, the cap and the fix. */
function capped(call: string, size: number, cap: number): void {
  if (size > cap) throw new RangeError(`${call}: ${size} is over the sandbox's cap of ${cap} per call (a host call runs outside the CPU limit). Fix: split the work into smaller calls`);
}

function cappedText(call: string, ...values: unknown[]): void {
  for (const value of values) if (typeof value === "string") capped(call, value.length, SYNC_CALL_CAPS.urlChars);
}

function totalBytes(chunks: Uint8Array[]): number {
  let total = 0;
  for (const chunk of chunks) total += chunk.byteLength;
  return total;
}

/**
 * The synchronous host operations a sandboxed connector may call: pure computations on copies
 * (URL parsing, hashing, randomness, compression). None of them touches the host's state.
 */
export const PURE_OPERATIONS: Readonly<Record<string, (args: any) => unknown>> = {
  "url.parse": ([input, base]: [string, string | undefined]) => (cappedText("new URL()", input, base), partsOf(new URL(input, base))),
  "url.set": ([href, part, value]: [string, keyof UrlParts, string]) => {
    cappedText(`URL.${part}`, href, value);
    const url = new URL(href);
    (url as unknown as Record<string, string>)[part] = value;
    return partsOf(url);
  },
  "url.legacyParse": ([input, parseQuery]: [string, boolean]) => (cappedText("url.parse()", input), { ...legacyUrl.parse(input, parseQuery) }),
  "url.format": ([value]: [string | legacyUrl.UrlObject]) => (cappedText("url.format()", value), legacyUrl.format(value)),
  "url.resolve": ([from, to]: [string, string]) => (cappedText("url.resolve()", from, to), legacyUrl.resolve(from, to)),
  "crypto.check": ([kind, algorithm]: [string, string]) => {
    if (kind === "hmac") crypto.createHmac(algorithm, "k");
    else crypto.createHash(algorithm);
  },
  "crypto.digest": ([kind, algorithm, key, chunks, encoding]: [string, string, Uint8Array | undefined, Uint8Array[], crypto.BinaryToTextEncoding | undefined]) => {
    capped(`crypto.${kind === "hmac" ? "createHmac" : "createHash"}().digest() bytes`, totalBytes(chunks), SYNC_CALL_CAPS.digestBytes);
    const hash = kind === "hmac" ? crypto.createHmac(algorithm, key ?? new Uint8Array(0)) : crypto.createHash(algorithm);
    for (const chunk of chunks) hash.update(chunk);
    const out = encoding ? hash.digest(encoding) : hash.digest();
    return typeof out === "string" ? out : new Uint8Array(out);
  },
  "crypto.randomUUID": () => crypto.randomUUID(),
  "crypto.randomBytes": ([size]: [number]) => (capped("crypto.randomBytes() size", size, SYNC_CALL_CAPS.randomBytes), new Uint8Array(crypto.randomBytes(size))),
  "crypto.randomInt": ([min, max]: [number, number]) => crypto.randomInt(min, max),
  "crypto.getHashes": () => crypto.getHashes(),
  "zlib.constants": () => ({ ...zlib.constants }),
  "zlib.run": ([name, data, options]: [string, Uint8Array, object | undefined]) => {
    if (!ZLIB_FUNCTIONS.has(name)) throw new TypeError(`zlib.${name} is not available in the sandbox`);
    capped(`zlib.${name}() input bytes`, data.byteLength, SYNC_CALL_CAPS.zlibInput);
    const out = (zlib as unknown as Record<string, ZlibSync>)[name]!(data, { ...options, maxOutputLength: MAX_ZLIB_OUTPUT });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  },
};

/** A response as copied into the isolate: the whole body read. */
export interface ResponseRecord {
  status: number;
  statusText: string;
  url: string;
  redirected: boolean;
  headers: Array<[string, string]>;
  body: Uint8Array | null;
}

/** The host a response came from, for messages (never the full URL: it may carry secrets). */
function hostOf(response: Response): string {
  try {
    return new URL(response.url).host || "the server";
  } catch {
    return "the server";
  }
}

/**
 * Reads a host Response into a record the isolate turns back into a Response, its body at most
 * `maxBytes` (`tooLarge` makes the error for a larger one).
 */
export async function toResponseRecord(response: Response, maxBytes = Infinity, tooLarge: (host: string) => Error = (host) => new RangeError(`the response from ${host} is too large`)): Promise<ResponseRecord> {
  const body = await readCappedBody(response, maxBytes, () => tooLarge(hostOf(response)));
  return { status: response.status, statusText: response.statusText, url: response.url, redirected: response.redirected, headers: [...response.headers], body };
}

/** What the isolate's fetch sends: `init` with headers as pairs and the body as text or bytes. */
export interface RequestRecord {
  method?: string;
  headers?: Array<[string, string]>;
  body?: string | Uint8Array;
  redirect?: RequestInit["redirect"];
  timeout?: number;
}

/** The isolate's request record as fetch arguments for the harness fetch. */
export function toRequestInit(record: RequestRecord): RequestInit & { timeout?: number } {
  const init: RequestInit & { timeout?: number } = { method: record.method ?? "GET", headers: record.headers ?? [] };
  if (record.body !== undefined) init.body = record.body as NonNullable<RequestInit["body"]>;
  if (record.redirect) init.redirect = record.redirect;
  if (record.timeout) init.timeout = record.timeout;
  return init;
}
