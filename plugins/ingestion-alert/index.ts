import type { PluginMeta } from "@posthog/plugin-scaffold";
import { callWebhook, hasRecentEvents } from "./lib/check-ingestion.ts";
import { normalizeHost } from "./lib/normalize-host.ts";
import { parseTimeRange } from "./lib/parse-time-range.ts";

type Meta = PluginMeta<{ timeRange: string; webHookUrlTriggered: string; webHookUrlResolved: string; posthogApiKey: string; posthogHost: string }>;

const ALERT_KEY = "active_alert";
const NO_EVENTS = "no_events";

/** Refuses a `timeRange` that is not a positive whole number of minutes. */
export function setupPlugin({ config }: Meta): void {
  parseTimeRange(config.timeRange);
}

/** Opens the alert (trigger webhook) when no event arrived in the window, closes it (resolve webhook) when events flow again. */
export async function runEveryMinute({ config, cache, fetch, logger }: Meta): Promise<void> {
  const minutes = parseTimeRange(config.timeRange);
  const active = await cache.get(ALERT_KEY, null);
  const after = new Date(Date.now() - minutes * 60_000);
  const ok = await hasRecentEvents(fetch, normalizeHost(config.posthogHost), config.posthogApiKey, after);
  if (active && ok) {
    await callWebhook(fetch, config.webHookUrlResolved);
    await cache.set(ALERT_KEY, null);
    logger.info(`Resolved ingestion alert ${NO_EVENTS}`);
  } else if (!active && !ok) {
    await callWebhook(fetch, config.webHookUrlTriggered);
    await cache.set(ALERT_KEY, NO_EVENTS);
    logger.warn(`Triggered ingestion alert ${NO_EVENTS}`);
  } else if (active) {
    logger.warn("Ingestion alert is already active");
  } else {
    logger.info("Ingestion OK");
  }
}
