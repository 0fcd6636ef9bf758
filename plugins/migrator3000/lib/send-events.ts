import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import type { MigratorConfig, MigratorSettings } from "./read-settings.ts";
import { toCaptureEvent } from "./to-capture-event.ts";

/** Payload of the `parseAndSendEvents` job. */
export interface SendPayload {
  events: ProcessedPluginEvent[];
  /** Added by this re-implementation: re-enqueues after a 5xx / network failure. */
  retriesPerformedSoFar?: number;
}

export const MAX_SEND_RETRIES = 5;
export const REQUEST_TIMEOUT_MS = 20_000;

type Meta = PluginMeta<MigratorConfig, { settings: MigratorSettings }>;

/**
 * Sends a batch to `https://<host>/e`. A 5xx, 429 or network failure re-enqueues the job after 3 s × 2^n
 * (up to 5 times); a 4xx, or the last failure, throws an error naming the event uuids (kept in the host's errors).
 */
export async function sendEvents(payload: SendPayload, meta: Meta): Promise<void> {
  const { settings } = meta.global;
  const events = (payload.events ?? []).map((event) => toCaptureEvent(event, meta.config.projectApiKey!, new Date()));
  if (events.length === 0) return;
  const url = `${settings.baseUrl}/e`;
  let failure: string | undefined;
  let retryable = false;
  try {
    const response = await meta.fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(events), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await response.text();
    if (settings.debug) meta.logger.log(`Response from ${settings.host}: ${response.status} ${text}`);
    if (!response.ok) {
      failure = `${url} answered ${response.status}`;
      retryable = response.status === 429 || response.status >= 500;
    }
  } catch (error) {
    failure = `${url} failed: ${error instanceof Error ? error.message : String(error)}`;
    retryable = true;
  }
  if (failure === undefined) {
    meta.logger.log(`Flushing ${events.length} event${events.length === 1 ? "" : "s"} to ${settings.host}`);
    return;
  }
  const n = payload.retriesPerformedSoFar ?? 0;
  if (retryable && n < MAX_SEND_RETRIES) {
    const delay = 2 ** n * 3;
    meta.logger.warn(`Sending ${events.length} event(s) to ${settings.host} failed (${failure}); retry ${n + 1}/${MAX_SEND_RETRIES} in ${delay} s`);
    await meta.jobs.parseAndSendEvents!({ events: payload.events, retriesPerformedSoFar: n + 1 }).runIn(delay, "seconds");
    return;
  }
  throw new Error(`Could not send ${events.length} event(s) to ${settings.host}: ${failure} (event uuids: ${events.map((e) => e.uuid).join(", ")})`);
}
