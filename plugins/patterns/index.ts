import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { filterEvents } from "./lib/filter-events.ts";
import { postEvents } from "./lib/post-events.ts";
import { readWebhookUrl } from "./lib/read-webhook-url.ts";

type Meta = PluginMeta<{ webhookUrl: string; allowedEventTypes?: string }>;

/** Checks the webhook URL (no network call). @throws Error when it is not an http(s) URL */
export function setupPlugin(meta: Meta): void {
  readWebhookUrl(meta.config.webhookUrl);
  meta.logger.log("Loaded Patterns app.");
}

/**
 * Posts the batch's allowed events, unchanged, to the Patterns webhook.
 *
 * @throws RetryError on 429/5xx/network errors; Error on other non-2xx answers
 */
export async function exportEvents(events: ProcessedPluginEvent[], meta: Meta): Promise<void> {
  const kept = filterEvents(events, meta.config.allowedEventTypes);
  meta.logger.log(`Exporting events to Patterns webhook... ${kept.length}/${events.length} events`);
  if (kept.length === 0) return;
  await postEvents(meta, readWebhookUrl(meta.config.webhookUrl), kept);
}
