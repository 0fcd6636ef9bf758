import type { PluginMeta } from "@posthog/plugin-scaffold";

export const API = "https://api.hubapi.com/crm/v3/objects/contacts";
export const REQUEST_TIMEOUT_MS = 10_000;

/** True for a private-app token (sent as a Bearer header instead of `hapikey`). */
export function isPrivateAppToken(key: string): boolean {
  return key.startsWith("pat-");
}

/** A HubSpot URL with the legacy `hapikey` query parameter, unless the key is a private-app token. */
export function withAuth(url: string, key: string): string {
  return isPrivateAppToken(key) ? url : `${url}${url.includes("?") ? "&" : "?"}hapikey=${key}`;
}

/** The URL with its `hapikey` value hidden (for errors and logs). */
export function hideKey(url: string): string {
  return url.replace(/([?&]hapikey=)[^&]*/, "$1***");
}

/**
 * `meta.fetch` with a 10 s timeout and the auth header for private-app tokens, retried once at once on a
 * network error. @throws Error('<METHOD> request to <url> failed.') after the second failure
 */
export async function fetchWithRetry(meta: PluginMeta, url: string, init: { method: string; headers?: Record<string, string>; body?: string }, key?: string): Promise<Response> {
  const headers = { ...init.headers, ...(key && isPrivateAppToken(key) ? { Authorization: `Bearer ${key}` } : {}) };
  for (let attempt = 1; ; attempt++) {
    try {
      return await meta.fetch(url, { ...init, headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      if (attempt >= 2) throw new Error(`${init.method} request to ${hideKey(url)} failed.`, { cause: error });
    }
  }
}
