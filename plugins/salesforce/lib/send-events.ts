import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { REQUEST_TIMEOUT_MS, TOKEN_KEY, getToken } from "./get-token.ts";
import { selectProperties } from "./select-properties.ts";
import type { SalesforceConfig } from "./types.ts";

/** Sends one event's selected properties to `<host>/<eventPath>`. @throws Error('Not a 200 response from event hook <status>. …') */
export async function sendEvent(meta: PluginMeta<SalesforceConfig>, event: ProcessedPluginEvent): Promise<void> {
  const { config } = meta;
  const token = await getToken(meta);
  const response = await meta.fetch(`${config.salesforceHost}/${config.eventPath}`, {
    method: config.eventMethodType || "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(selectProperties(event.properties, config.propertiesToInclude)),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (response.ok) return;
  if (response.status === 401) await meta.cache.set(TOKEN_KEY, null);
  const text = (await response.text().catch(() => "")).slice(0, 300);
  throw new Error(`Not a 200 response from event hook ${response.status}. Response: ${text}`);
}

/**
 * Sends the flushed events one by one. The first failure stops the flush; it and the unsent events are
 * logged with their uuids (never thrown: flushes run from onEvent, the timer job and teardown).
 */
export async function sendEvents(meta: PluginMeta<SalesforceConfig>, events: ProcessedPluginEvent[]): Promise<void> {
  for (const [i, event] of events.entries()) {
    try {
      await sendEvent(meta, event);
      if (meta.config.debugLogging === "debug logging on") meta.logger.debug(`Sent event ${event.event} (${event.uuid}) to Salesforce`);
    } catch (error) {
      const unsent = events.slice(i).map((e) => e.uuid);
      meta.logger.error(`Failed to send event ${event.event} to Salesforce: ${error instanceof Error ? error.message : String(error)}; not sent: ${unsent.join(", ")}`);
      return;
    }
  }
}
