import type { PluginFetch } from "@posthog/plugin-scaffold";

/** A request retried once when it throws; a second throw fails with `<METHOD> request to <url> failed.` */
export async function requestWithRetry(fetch: PluginFetch, url: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
    } catch {
      if (attempt >= 1) throw new Error(`${init.method ?? "GET"} request to ${url} failed.`);
    }
  }
}
