import type { PluginMeta } from "@posthog/plugin-scaffold";
import { sendPagerDutyEvent } from "./lib/pagerduty-events.ts";
import { isInError, parseThreshold, readTrendSeries } from "./lib/read-trend.ts";

type Config = {
  posthogTrendUrl: string;
  threshold: string;
  operator: string;
  posthogApiKey: string;
  posthogProjectId: string;
  pagerdutyIntegrationKey: string;
  pagerdutyIncidentSummary: string;
  posthogHost: string;
};
type Meta = PluginMeta<Config>;

const INCIDENT_KEY = "pagerduty_active_incident";

/** Triggers an incident when the last two points cross the threshold, resolves it once they no longer do. */
export async function runEveryMinute({ config, cache, fetch, logger }: Meta): Promise<void> {
  const threshold = parseThreshold(config.threshold);
  const active = (await cache.get(INCIDENT_KEY, null)) as string | null;
  const data = await readTrendSeries(fetch, config.posthogTrendUrl, config.posthogProjectId, config.posthogApiKey, (m) => logger.warn(m));
  if (!data) return;
  const inError = isInError(data, config.operator, threshold);
  if (!active && inError) {
    const dedupKey = await sendPagerDutyEvent(fetch, {
      routing_key: config.pagerdutyIntegrationKey,
      event_action: "trigger",
      payload: {
        summary: config.pagerdutyIncidentSummary,
        source: config.posthogHost,
        severity: "critical",
        custom_details: { operator: config.operator, threshold: config.threshold },
      },
      links: [{ href: config.posthogTrendUrl, text: "Posthog Trends API query url" }],
    });
    await cache.set(INCIDENT_KEY, dedupKey ?? null);
    logger.info(`Triggered pagerduty incident ${dedupKey}`);
  } else if (active && !inError) {
    await sendPagerDutyEvent(fetch, { routing_key: config.pagerdutyIntegrationKey, event_action: "resolve", dedup_key: active });
    await cache.set(INCIDENT_KEY, null);
    logger.info(`Resolved pagerduty incident ${active}`);
  } else if (active) {
    logger.info("Pagerduty incident is active, ignoring error for now");
  } else {
    logger.info("All good! 😍");
  }
}
