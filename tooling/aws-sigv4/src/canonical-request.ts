import { createHash } from "node:crypto";
import { encodeRfc3986 } from "./encode-rfc3986.ts";

/** What goes into a canonical request. Header names may have any case. */
export interface CanonicalRequestInput {
  method: string;
  url: URL;
  /** Headers to sign (must include `host` and `x-amz-date`). */
  headers: Record<string, string>;
  /** Hex SHA-256 of the payload (or `UNSIGNED-PAYLOAD`). */
  payloadHash: string;
  /** Encode the path twice (every service but S3). Default true. */
  doubleEncodePath?: boolean;
}

/** Hex SHA-256 of text or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function canonicalPath(url: URL, doubleEncode: boolean): string {
  const segments = url.pathname.split("/").map((segment) => {
    const once = encodeRfc3986(decodeURIComponent(segment));
    return doubleEncode ? encodeRfc3986(once) : once;
  });
  return segments.join("/") || "/";
}

function canonicalQuery(url: URL): string {
  return [...url.searchParams]
    .map(([key, value]) => [encodeRfc3986(key), encodeRfc3986(value)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
}

/** Lower-cased header names, sorted, joined by `;` (the `SignedHeaders` value). */
export function signedHeaderNames(headers: Record<string, string>): string {
  return Object.keys(headers)
    .map((name) => name.toLowerCase())
    .sort()
    .join(";");
}

/**
 * The SigV4 canonical request: method, canonical URI, canonical query, canonical headers (lower-case
 * names, trimmed values with inner runs of spaces collapsed, sorted), signed header names, payload hash.
 */
export function canonicalRequest(input: CanonicalRequestInput): string {
  const headers = Object.entries(input.headers)
    .map(([name, value]) => [name.toLowerCase(), String(value).trim().replace(/\s+/g, " ")] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    input.method.toUpperCase(),
    canonicalPath(input.url, input.doubleEncodePath ?? true),
    canonicalQuery(input.url),
    headers.map(([name, value]) => `${name}:${value}\n`).join(""),
    signedHeaderNames(input.headers),
    input.payloadHash,
  ].join("\n");
}
