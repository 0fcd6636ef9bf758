import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { normalizeHost } from "./lib/normalize-host.ts";
import { readReplication } from "./lib/read-replication.ts";
import { sendBatch } from "./lib/send-batch.ts";
import { toCaptureEvent } from "./lib/to-capture-event.ts";

type Meta = PluginMeta<{ host: string; project_api_key: string; replication?: string }>;

/**
 * Sends each event `replication` times (consecutive copies) to the other instance's `/e` endpoint.
 *
 * @throws RetryError on 429/5xx/network errors; Error on other non-2xx answers
 */
export async function exportEvents(events: ProcessedPluginEvent[], meta: Meta): Promise<void> {
  const { config } = meta;
  const copies = readReplication(config.replication);
  const batch = events.flatMap((event) => {
    const sendable = toCaptureEvent(event, config.project_api_key);
    return Array.from({ length: copies }, () => sendable);
  });
  if (batch.length === 0) return;
  const host = normalizeHost(config.host);
  meta.logger.log(`Flushing ${batch.length} event(s) to ${host}`);
  await sendBatch(meta, host, batch);
}
