import type { PluginFetch } from "@posthog/plugin-scaffold";

const TIMEOUT_MS = 15_000;

/** True when PostHog ingested at least one event after `after` (`GET /api/event?after=…&refresh=true`). */
export async function hasRecentEvents(fetch: PluginFetch, host: string, apiKey: string, after: Date): Promise<boolean> {
  const query = new URLSearchParams({ after: after.toISOString(), refresh: "true" });
  const response = await fetch(`${host}/api/event?${query}`, { headers: { authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) throw new Error(`Error from PostHog API: status=${response.status} response=${await response.text()}`);
  const body = (await response.json()) as { results?: unknown[] };
  return Array.isArray(body.results) && body.results.length > 0;
}

/** GETs a webhook; throws unless it answers 2xx. */
export async function callWebhook(fetch: PluginFetch, url: string): Promise<void> {
  const response = await fetch(url, { method: "GET", signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) throw new Error(`Error from WebHook: status=${response.status} response=${await response.text()}`);
}
