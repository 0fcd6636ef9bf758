import { ConnectorsError } from "@connectors/plugin-api";

/** The outcome of one conditional GET. */
export type FetchOutcome =
  | { status: "ok"; body: Uint8Array; etag?: string }
  | { status: "not-modified" };

/** Thrown when a download fails: network error, timeout, HTTP error, or a body shorter than Content-Length. */
export class DownloadError extends ConnectorsError {
  readonly url: string;

  constructor(url: string, message: string, options?: { cause?: unknown }) {
    super("REGISTRY_DOWNLOAD_FAILED", `GET ${url} failed: ${message}`, options);
    this.url = url;
  }
}

/**
 * GETs a URL as bytes, with `If-None-Match` when an ETag is given. Refuses non-2xx answers and
 * bodies whose length differs from `Content-Length` (a truncated download). Decompression
 * (gzip from mirrors) is done by fetch.
 *
 * @throws DownloadError naming the URL and the cause
 */
export async function fetchBytes(fetchImpl: typeof fetch, url: string, options: { etag?: string; timeoutMs: number }): Promise<FetchOutcome> {
  const headers: Record<string, string> = { accept: "application/json, text/plain, */*" };
  if (options.etag) headers["if-none-match"] = options.etag;
  let response: Response;
  let body: Uint8Array;
  try {
    response = await fetchImpl(url, { headers, signal: AbortSignal.timeout(options.timeoutMs) });
    if (response.status === 304) return { status: "not-modified" };
    body = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new DownloadError(url, error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ""}` : String(error), { cause: error });
  }
  if (!response.ok) throw new DownloadError(url, `HTTP ${response.status} ${response.statusText}`);
  const declared = response.headers.get("content-length");
  const encoded = response.headers.get("content-encoding");
  if (declared !== null && !encoded && Number(declared) !== body.byteLength) {
    throw new DownloadError(url, `received ${body.byteLength} of ${declared} bytes (truncated)`);
  }
  const etag = response.headers.get("etag") ?? undefined;
  return etag ? { status: "ok", body, etag } : { status: "ok", body };
}
