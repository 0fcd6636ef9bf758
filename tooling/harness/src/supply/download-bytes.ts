import { errorIssue } from "@connectors/plugin-api";
import { SupplyError } from "./supply-error.ts";

/** One capped download. */
export interface DownloadRequest {
  url: string;
  /** What is being fetched, for messages ("the npm metadata of x", "acme/repo"). */
  what: string;
  headers?: Record<string, string>;
  maxBytes: number;
  fetch: typeof fetch;
  /** Overall time limit in ms (default 60 s). */
  timeoutMs?: number;
}

function tooLarge(request: DownloadRequest, label: string): SupplyError {
  return new SupplyError(label, [errorIssue("", `${request.url} is larger than ${request.maxBytes} bytes`, "check the URL, or raise maxDownloadBytes (CONNECTORS_MAX_DOWNLOAD_BYTES)")]);
}

/**
 * Downloads a body, refusing it as soon as it passes `maxBytes` (a declared Content-Length over the
 * cap is refused before reading). Errors say what was fetched from where and how to fix it.
 *
 * @throws Error for a network failure or an HTTP error status
 * @throws SupplyError when the body is over the cap
 */
export async function downloadBytes(request: DownloadRequest, label: string): Promise<Buffer> {
  let response: Response;
  try {
    response = await request.fetch(request.url, { headers: request.headers ?? {}, signal: AbortSignal.timeout(request.timeoutMs ?? 60_000) });
  } catch (error) {
    throw new Error(`downloading ${request.what} from ${request.url} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!response.ok) throw new Error(`downloading ${request.what} from ${request.url} answered HTTP ${response.status}${response.status === 404 ? " (check the name, version or ref)" : ""}`);
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > request.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(request, label);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const next = reader ? await reader.read() : { done: true as const, value: undefined };
    if (next.done) break;
    total += next.value.byteLength;
    if (total > request.maxBytes) {
      await reader!.cancel().catch(() => undefined);
      throw tooLarge(request, label);
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks);
}
