import { findEmail } from "@connectors/connector-kit";
import { RetryError } from "@posthog/plugin-scaffold";
import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { RETRY_DELAYS_SECONDS, ServiceDownError } from "./lib/intercom-request.ts";
import { sendToIntercom, type IntercomPayload } from "./lib/send-to-intercom.ts";
import { splitList } from "./lib/split-list.ts";
import { toSeconds } from "./lib/to-seconds.ts";

interface IntercomConfig {
  intercomApiKey: string;
  triggeringEvents: string;
  ignoredEmailDomains?: string;
  useEuropeanDataStorage?: "Yes" | "No";
}

type Meta = PluginMeta<IntercomConfig, { intercomUrl: string }>;

/** Picks the Intercom region (no network call). */
export function setupPlugin(meta: Meta): void {
  meta.global.intercomUrl = meta.config.useEuropeanDataStorage === "Yes" ? "https://api.eu.intercom.com" : "https://api.intercom.io";
}

/** Enqueues `sendToIntercom` for a triggering event with an email outside the ignored domains. */
export async function onEvent(event: ProcessedPluginEvent, meta: Meta): Promise<void> {
  if (!splitList(meta.config.triggeringEvents).includes(event.event)) return;
  const email = findEmail(event);
  if (!email) {
    meta.logger.warn("This event will not be sent to Intercom because no 'email' was found in the event properties.");
    return;
  }
  if (splitList(meta.config.ignoredEmailDomains).includes(email.split("@")[1]!)) return;
  const timestamp = toSeconds(event.timestamp, (event as { sent_at?: unknown }).sent_at, Date.now());
  const payload: IntercomPayload = { email, event: event.event, userId: event.distinct_id, timestamp, uuid: event.uuid };
  await meta.jobs.sendToIntercom!(payload).runNow();
}

export const jobs = {
  /**
   * Sends one event to Intercom. When Intercom is down it re-enqueues itself after 6, 12, 24 s, then
   * fails with `RetryError('Service is down, retry later')` naming the event uuid.
   */
  async sendToIntercom(payload: IntercomPayload, meta: Meta): Promise<void> {
    try {
      await sendToIntercom(payload, meta);
    } catch (error) {
      if (!(error instanceof ServiceDownError)) throw error;
      const retries = payload.retries ?? 0;
      if (retries < RETRY_DELAYS_SECONDS.length) {
        const delay = RETRY_DELAYS_SECONDS[retries]!;
        meta.logger.warn(`${error.message}; retrying event ${payload.event} (${payload.uuid ?? "no uuid"}) in ${delay} s`);
        await meta.jobs.sendToIntercom!({ ...payload, retries: retries + 1 }).runIn(delay, "seconds");
        return;
      }
      meta.logger.error(`Event ${payload.event} (${payload.uuid ?? "no uuid"}) for ${payload.email} not sent to Intercom: ${error.message}`);
      throw new RetryError("Service is down, retry later");
    }
  },
};
