import type { PluginFetch } from "@posthog/plugin-scaffold";

export const DISPLAY_NAME = "PostHog Heartbeat Plugin";

/** Strips trailing slashes from the configured host (the original produced `https://x//e`). */
export function normalizeHost(host: string): string {
  return host.trim().replace(/\/+$/, "");
}

/** POSTs the `heartbeat_api` event to `<host>/e`; throws when the capture API does not answer 2xx. */
export async function sendApiHeartbeat(fetch: PluginFetch, host: string, token: string, timestamp: string): Promise<void> {
  const body = { token, event: "heartbeat_api", distinct_id: DISPLAY_NAME, properties: { $timestamp: timestamp } };
  let response: Response;
  try {
    response = await fetch(`${normalizeHost(host)}/e`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new Error(`heartbeat_api capture failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw new Error(`heartbeat_api capture failed: status=${response.status}`);
}
