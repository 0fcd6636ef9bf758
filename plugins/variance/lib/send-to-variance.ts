import type { Logger, PluginFetch } from "@posthog/plugin-scaffold";

const TIMEOUT_MS = 10_000;

/** POSTs the payload to the webhook; logs the response text when the answer is not 2xx (no retry). */
export async function sendToVariance(fetch: PluginFetch, logger: Logger, config: { webhookUrl: string; authHeader: string }, payload: object): Promise<void> {
  const response = await fetch(config.webhookUrl, {
    method: "POST",
    headers: { Authorization: config.authHeader, "Content-Type": "application/json" },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) logger.error(await response.text());
}
