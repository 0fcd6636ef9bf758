import { RetryError } from "@posthog/plugin-scaffold";
import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";

export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * POSTs the events as a JSON array to the webhook. Any 2xx succeeds.
 *
 * @throws RetryError on 429, 5xx, a network error or a timeout (the host retries the batch)
 * @throws Error on other statuses (permanent: the host reports the batch's events as lost)
 */
export async function postEvents(meta: PluginMeta, url: string, events: ProcessedPluginEvent[]): Promise<void> {
  let response: Response;
  try {
    response = await meta.fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(events),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new RetryError(`Export events failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (response.ok) return;
  const text = await response.text().catch(() => "");
  const message = `Export events failed: ${text || `HTTP ${response.status}`}`;
  if (response.status === 429 || response.status >= 500) throw new RetryError(message);
  throw new Error(`${message} (HTTP ${response.status}, not retried)`);
}
