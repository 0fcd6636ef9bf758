import type { PluginMeta } from "@posthog/plugin-scaffold";

export const TRACK_URL = "https://api.avo.app/inspector/posthog/v1/track";
export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * POSTs messages to Avo's track endpoint. `checkBody`: also require a JSON body that is not `{ok: false}`.
 *
 * @throws Error describing the failed request
 */
export async function postToAvo(meta: PluginMeta, headers: Record<string, string>, messages: unknown[], checkBody: boolean): Promise<void> {
  const response = await meta.fetch(TRACK_URL, { method: "POST", headers, body: JSON.stringify(messages), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`HTTP ${response.status}${text ? ` ${text.slice(0, 300)}` : ""}`);
  if (!checkBody) return;
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  if (body === null || typeof body !== "object") throw new Error(`unexpected response body ${JSON.stringify(text.slice(0, 300))}`);
  if ("ok" in body && !(body as { ok: unknown }).ok) throw new Error(`Avo answered ${text.slice(0, 300)}`);
}
