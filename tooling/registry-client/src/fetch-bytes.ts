import { ConnectorsError, readCappedBody } from "@connectors/plugin-api";

/** The outcome of one conditional GET. */
export type FetchOutcome =
  | { status: "ok"; body: Uint8Array; etag?: string }
  | { status: "not-modified" };

/** Options of {@link fetchBytes}. */
export interface FetchBytesOptions {
  etag?: string;
  timeoutMs: number;
  /** The most bytes (after decompression) to read; the download stops as soon as the body exceeds it. */
  maxBytes: number;
  /** The error for a body larger than `maxBytes` (default: a DownloadError). */
  tooLarge?: (url: string, maxBytes: number) => Error;
}

/** Thrown when a download fails: network error, timeout, HTTP error, or a body shorter than Content-Length. */
export class DownloadError extends ConnectorsError {
  readonly url: string;

  constructor(url: string, message: string, options?: { cause?: unknown }) {
    super("REGISTRY_DOWNLOAD_FAILED", `GET ${url} failed: ${message}`, options);
    this.url = url;
  }
}

const defaultTooLarge = (url: string, maxBytes: number) => new DownloadError(url, `the body is larger than ${maxBytes} bytes; stopped reading. Fix: check that the URL serves the registry's file.`);

/** Reads a response body, cancelling the stream once more than `maxBytes` arrived. */
async function readLimited(response: Response, url: string, options: FetchBytesOptions): Promise<Uint8Array> {
  const tooLarge = options.tooLarge ?? defaultTooLarge;
  const body = (await readCappedBody(response, options.maxBytes, () => tooLarge(url, options.maxBytes))) ?? new Uint8Array();
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ""}` : String(error);
}

/**
 * GETs a URL as bytes, with `If-None-Match` when an ETag is given. Reads at most `maxBytes` (a
 * hostile mirror cannot stream without end or inflate a gzip bomb into memory), and refuses non-2xx
 * answers and bodies whose length differs from `Content-Length` (a truncated download).
 * Decompression (gzip from mirrors) is done by fetch; the cap applies to the decompressed bytes.
 *
 * @throws DownloadError naming the URL and the cause, or `tooLarge(...)` for an oversized body
 */
export async function fetchBytes(fetchImpl: typeof fetch, url: string, options: FetchBytesOptions): Promise<FetchOutcome> {
  const headers: Record<string, string> = { accept: "application/json, text/plain, */*" };
  if (options.etag) headers["if-none-match"] = options.etag;
  let response: Response;
  try {
    response = await fetchImpl(url, { headers, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (error) {
    throw new DownloadError(url, describeFailure(error), { cause: error });
  }
  if (response.status === 304) return { status: "not-modified" };
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new DownloadError(url, `HTTP ${response.status} ${response.statusText}`);
  }
  const declared = response.headers.get("content-length");
  const encoded = response.headers.get("content-encoding");
  let body: Uint8Array;
  try {
    body = await readLimited(response, url, options);
  } catch (error) {
    if (error instanceof ConnectorsError) throw error;
    throw new DownloadError(url, describeFailure(error), { cause: error });
  }
  if (declared !== null && !encoded && Number(declared) !== body.byteLength) {
    throw new DownloadError(url, `received ${body.byteLength} of ${declared} bytes (truncated)`);
  }
  const etag = response.headers.get("etag") ?? undefined;
  return etag ? { status: "ok", body, etag } : { status: "ok", body };
}
