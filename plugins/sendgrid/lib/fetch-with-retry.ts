import type { PluginMeta } from "@posthog/plugin-scaffold";

export const REQUEST_TIMEOUT_MS = 10_000;

/** Thrown when a request failed twice at the network level (no HTTP answer). */
export class NetworkError extends Error {
  constructor(method: string, url: string, cause: unknown) {
    super(`${method} request to ${url} failed.`, { cause });
    this.name = "NetworkError";
  }
}

/** `meta.fetch` with a 10 s timeout, retried once at once on a network error. @throws NetworkError after the second failure */
export async function fetchWithRetry(meta: PluginMeta, url: string, init: RequestInit & { method: string }): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await meta.fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      if (attempt >= 2) throw new NetworkError(init.method, url, error);
    }
  }
}
