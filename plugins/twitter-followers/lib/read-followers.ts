import type { PluginFetch } from "@posthog/plugin-scaffold";

const TIMEOUT_MS = 15_000;

/** Trims the handle and removes one leading `@`. */
export function normalizeHandle(handle: unknown): string {
  return String(handle ?? "").trim().replace(/^@/, "");
}

/** The follow-button endpoint for a handle. */
export function followersUrl(handle: string): string {
  return `https://cdn.syndication.twimg.com/widgets/followbutton/info.json?screen_names=${encodeURIComponent(handle)}`;
}

/** GET with one retry when the request throws (network error); a second throw fails with `GET request to <url> failed.` */
export async function fetchWithRetry(fetch: PluginFetch, url: string, init?: RequestInit): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch {
      if (attempt >= 1) throw new Error(`GET request to ${url} failed.`);
    }
  }
}

/** The entries the endpoint answers, or undefined when it did not answer 2xx with a non-empty array. */
export async function readEntries(response: Response): Promise<Array<{ followers_count?: unknown }> | undefined> {
  if (!response.ok) return undefined;
  const body: unknown = await response.json().catch(() => undefined);
  return Array.isArray(body) && body.length > 0 ? body : undefined;
}
