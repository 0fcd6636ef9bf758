import type { PluginMeta } from "@posthog/plugin-scaffold";
import { selectTokens } from "./lib/select-tokens.ts";
import { DISPLAY_NAME, normalizeHost, sendApiHeartbeat } from "./lib/send-api-heartbeat.ts";

type Meta = PluginMeta<{ events?: string; host?: string; project_api_key?: string }>;

/**
 * Emits the selected heartbeat events. With `heartbeat_api`, host and key are checked before anything
 * is emitted, and a failed capture API call fails the run (after the other events were captured).
 */
export async function runEveryMinute({ config, posthog, fetch, logger }: Meta): Promise<void> {
  const tokens = selectTokens(config.events);
  if (tokens.has("heartbeat_api")) {
    if (!config.host || normalizeHost(config.host) === "") throw new Error("PostHog host needs to be configured for heartbeat_api to work!");
    if (!config.project_api_key) throw new Error("PostHog project API key needs to be configured for heartbeat_api to work!");
  }
  const timestamp = new Date().toISOString();
  const sends: Array<Promise<void>> = [];
  // distinct_id is PostHog's default for plugin captures (the display name), given explicitly so every runtime agrees.
  if (tokens.has("heartbeat")) sends.push(posthog.capture("heartbeat", { $timestamp: timestamp, distinct_id: DISPLAY_NAME }));
  if (tokens.has("heartbeat_buffer")) sends.push(posthog.capture("heartbeat_buffer", { $timestamp: timestamp, distinct_id: `${DISPLAY_NAME} / Buffer ${Date.now()}` }));
  if (tokens.has("heartbeat_api")) sends.push(sendApiHeartbeat(fetch, config.host!, config.project_api_key!, timestamp));
  const results = await Promise.allSettled(sends);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  logger.info(`Sent ${config.events || "heartbeat"} at ${timestamp}`);
}
