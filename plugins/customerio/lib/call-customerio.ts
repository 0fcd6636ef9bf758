import { RetryError } from "@posthog/plugin-scaffold";
import type { PluginMeta } from "@posthog/plugin-scaffold";

export const REQUEST_TIMEOUT_MS = 10_000;

function describeBody(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

/**
 * One Customer.io API call with the common headers. 2xx resolves; otherwise it throws by status.
 *
 * @throws RetryError on a network error/timeout, 408, 429 or 5xx; Error on 401/403 and other statuses
 */
export async function callCustomerio(meta: PluginMeta, authorization: string, method: string, url: string, body?: unknown): Promise<void> {
  const headers: Record<string, string> = { "User-Agent": "PostHog Customer.io App", Authorization: authorization };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await meta.fetch(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new RetryError(`Cannot reach the Customer.io API. ${error instanceof Error ? error.message : String(error)}`);
  }
  if (response.ok) return;
  const detail = `Response ${response.status}: ${describeBody((await response.text().catch(() => "")).slice(0, 500))}`;
  if (response.status === 401 || response.status === 403) throw new Error(`Customer.io Site ID or API Key invalid! ${detail}`);
  if (response.status === 408 || response.status === 429 || response.status >= 500) throw new RetryError(`Received a potentially intermittent error from the Customer.io API. ${detail}`);
  throw new Error(`Received an unexpected error from the Customer.io API. ${detail}`);
}
