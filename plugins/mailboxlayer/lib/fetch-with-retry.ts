import type { PluginFetch } from "@posthog/plugin-scaffold";

const TIMEOUT_MS = 10_000;

/** The URL with the `access_key` value replaced by `***`, for messages. */
export function redactAccessKey(url: string): string {
  return url.replace(/([?&]access_key=)[^&#]*/, "$1***");
}

/**
 * GETs `url`, retrying once when the request itself fails (network error); HTTP error statuses are
 * returned as they are.
 *
 * @throws Error "GET request to <url, key redacted> failed." after two network failures
 */
export async function fetchWithRetry(fetch: PluginFetch, url: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, { method: "GET", signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch {
      if (attempt === 2) throw new Error(`GET request to ${redactAccessKey(url)} failed.`);
    }
  }
}
