import type { PluginFetch } from "@posthog/plugin-scaffold";

const ENQUEUE_URL = "https://events.pagerduty.com/v2/enqueue";

/** POSTs an Events API v2 event; the answer's `dedup_key`. Throws `Error from PagerDuty API: …` on non-2xx. */
export async function sendPagerDutyEvent(fetch: PluginFetch, event: Record<string, unknown>): Promise<string | undefined> {
  const response = await fetch(ENQUEUE_URL, {
    method: "POST",
    headers: { "Content-Type": "application/json", accept: "application/vnd.pagerduty+json;version=2" },
    body: JSON.stringify(event),
    signal: AbortSignal.timeout(20_000),
  });
  if (!response.ok) throw new Error(`Error from PagerDuty API: status=${response.status} response=${await response.text()}`);
  const body = (await response.json().catch(() => ({}))) as { dedup_key?: string };
  return body.dedup_key;
}
