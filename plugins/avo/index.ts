import { randomUUID } from "node:crypto";
import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { buildAvoEvents, buildSessionStart } from "./lib/build-avo-events.ts";
import { postToAvo } from "./lib/post-to-avo.ts";

type Meta = PluginMeta<{ avoApiKey: string; environment?: string; appName?: string }, { headers: Record<string, string> }>;

/** Prepares Avo's request headers (no network call). */
export function setupPlugin(meta: Meta): void {
  meta.global.headers = { env: meta.config.environment ?? "dev", "api-key": meta.config.avoApiKey, "content-type": "application/json", accept: "application/json" };
}

/**
 * Sends a session start, then the schema of the batch's custom events, to Avo Inspector. Never throws:
 * a failure is logged with the uuids of the events it concerns (the batch is not retried).
 */
export async function exportEvents(events: ProcessedPluginEvent[], meta: Meta): Promise<void> {
  const { config } = meta;
  const session = { apiKey: config.avoApiKey, env: config.environment ?? "dev", appName: config.appName ?? "PostHog", sessionId: randomUUID(), createdAt: new Date().toISOString() };
  const avoEvents = buildAvoEvents(events, session);
  if (avoEvents.length === 0) return;
  try {
    await postToAvo(meta, meta.global.headers, [buildSessionStart(session, randomUUID())], false);
    await postToAvo(meta, meta.global.headers, avoEvents, true);
  } catch (error) {
    const uuids = avoEvents.map((event) => event.messageId).join(", ");
    meta.logger.error(`Unable to send data to Avo with error: ${error instanceof Error ? error.message : String(error)} (events not sent: ${uuids})`);
  }
}
