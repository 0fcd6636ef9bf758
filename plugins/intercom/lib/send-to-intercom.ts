import type { PluginMeta } from "@posthog/plugin-scaffold";
import { errorMessage, intercomRequest } from "./intercom-request.ts";

/** Payload of the `sendToIntercom` job. */
export interface IntercomPayload {
  email: string;
  event: string;
  userId: string;
  timestamp: number;
  /** uuid of the PostHog event, named in logs. */
  uuid?: string;
  /** Retries already done after a ServiceDownError. */
  retries?: number;
}

type Meta = PluginMeta<{ intercomApiKey: string }, { intercomUrl: string }>;

/**
 * Searches the contact by email and, when it exists, submits the event. Non-2xx answers are logged.
 *
 * @throws ServiceDownError when Intercom is unreachable or answers 429/5xx
 */
export async function sendToIntercom(payload: IntercomPayload, meta: Meta): Promise<void> {
  const base = meta.global.intercomUrl;
  const search = await intercomRequest(meta, `${base}/contacts/search`, { query: { field: "email", operator: "=", value: payload.email } });
  const found = search.ok ? ((await search.json().catch(() => ({}))) as { total_count?: number; errors?: Array<{ message?: string }> }) : undefined;
  if (!found || found.errors) {
    const message = found ? found.errors?.[0]?.message : await errorMessage(search);
    meta.logger.error(`Unable to search contact ${payload.email} in Intercom. Status Code: ${search.status}. Error message: ${message ?? "unknown"}`);
    return;
  }
  if (!((found.total_count ?? 0) > 0)) {
    meta.logger.log(`Contact ${payload.email} not found in Intercom; event ${payload.event} not sent`);
    return;
  }
  const sent = await intercomRequest(meta, `${base}/events`, { event_name: payload.event, created_at: payload.timestamp, email: payload.email, id: payload.userId });
  if (!sent.ok) {
    meta.logger.error(`Error sending event ${payload.event} to Intercom for ${payload.email}. Status Code: ${sent.status}. Error message: ${(await errorMessage(sent)) ?? "unknown"}`);
    return;
  }
  meta.logger.log(`Sent event ${payload.event} for ${payload.email} to Intercom`);
}
