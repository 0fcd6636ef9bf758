import type { CacheExtension, PluginEvent } from "@posthog/plugin-scaffold";

/** How long the last IP seen for a distinct ID is remembered. */
export const PERSON_CACHE_TTL_SECONDS = 86_400;

/**
 * Whether to write person properties: not when the cached `"<ip>|<timestamp>"` of this distinct ID has
 * the same IP, nor when the event is older than the cached timestamp (a late event); otherwise yes.
 */
export async function shouldSetPerson(event: PluginEvent, ip: string, cache: CacheExtension): Promise<boolean> {
  const cached: unknown = await cache.get(event.distinct_id, null);
  if (typeof cached !== "string") return true;
  const separator = cached.indexOf("|");
  const cachedIp = separator < 0 ? cached : cached.slice(0, separator);
  const cachedTimestamp = separator < 0 ? "" : cached.slice(separator + 1);
  if (cachedIp === ip) return false;
  if (event.timestamp && cachedTimestamp && new Date(event.timestamp) < new Date(cachedTimestamp)) return false;
  return true;
}

/** Remembers `"<ip>|<timestamp>"` for the event's distinct ID for one day. */
export async function rememberPerson(event: PluginEvent, ip: string, cache: CacheExtension): Promise<void> {
  await cache.set(event.distinct_id, `${ip}|${event.timestamp || ""}`, PERSON_CACHE_TTL_SECONDS);
}
