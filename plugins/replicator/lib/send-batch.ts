import { RetryError } from "@posthog/plugin-scaffold";
import type { PluginMeta } from "@posthog/plugin-scaffold";

export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * POSTs the events as one JSON array to `https://<host>/e`. Any 2xx succeeds.
 *
 * @throws RetryError on 429, 5xx, network errors and timeouts; Error on other statuses (permanent)
 */
export async function sendBatch(meta: PluginMeta, host: string, events: unknown[]): Promise<void> {
  const url = `https://${host}/e`;
  let response: Response;
  try {
    response = await meta.fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(events), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new RetryError(`Replicating ${events.length} event(s) to ${host} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (response.ok) return;
  const text = (await response.text().catch(() => "")).slice(0, 500);
  const message = `Replicating ${events.length} event(s) to ${host} failed with HTTP ${response.status}${text ? `: ${text}` : ""}`;
  if (response.status === 429 || response.status >= 500) throw new RetryError(message);
  throw new Error(message);
}
