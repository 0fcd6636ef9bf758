import type { PluginMeta } from "@posthog/plugin-scaffold";
import type { SalesforceConfig } from "./types.ts";

export const TOKEN_KEY = "SF_AUTH_TOKEN";
export const TOKEN_TTL_SECONDS = 18_000;
export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The cached OAuth token, or a new one from the username-password flow (cached for 5 h).
 *
 * @throws Error('Got bad response getting the token <status>') on a non-2xx answer or one without access_token
 */
export async function getToken(meta: PluginMeta<SalesforceConfig>): Promise<string> {
  const cached = await meta.cache.get(TOKEN_KEY, null);
  if (typeof cached === "string" && cached) return cached;
  const { config } = meta;
  const form = [
    ["grant_type", "password"],
    ["client_id", config.consumerKey],
    ["client_secret", config.consumerSecret],
    ["username", config.username],
    ["password", config.password ?? ""],
  ]
    .map(([key, value]) => `${encodeURIComponent(key!)}=${encodeURIComponent(value!)}`)
    .join("&");
  const response = await meta.fetch(`${config.salesforceHost}/services/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: form,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = response.ok ? ((await response.json().catch(() => ({}))) as { access_token?: unknown }) : {};
  if (!response.ok || typeof body.access_token !== "string" || !body.access_token) throw new Error(`Got bad response getting the token ${response.status}`);
  await meta.cache.set(TOKEN_KEY, body.access_token, TOKEN_TTL_SECONDS);
  return body.access_token;
}
