import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { buildPayload, messageType } from "./lib/build-payload.ts";
import { sendToVariance } from "./lib/send-to-variance.ts";

type Meta = PluginMeta<{ webhookUrl: string; authHeader: string }>;

/** Sends each supported event (custom events, $pageview, $identify, $groupidentify, $create_alias) to the Variance webhook. */
export async function onEvent(event: ProcessedPluginEvent, { config, fetch, logger }: Meta): Promise<void> {
  if (!event.uuid) return logger.error("Event missing uuid");
  if (!event.timestamp) return logger.error("Event missing timestamp");
  const type = messageType(event.event);
  if (!type) return logger.debug(`Unsupported event: ${event.event}`);
  await sendToVariance(fetch, logger, config, buildPayload(event, type));
}
