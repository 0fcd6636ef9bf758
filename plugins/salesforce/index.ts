import { RetryError } from "@posthog/plugin-scaffold";
import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { checkConfig } from "./lib/check-config.ts";
import { getToken } from "./lib/get-token.ts";
import { addToBuffer, createBufferState, flushBuffer, onTimer, type BufferOptions, type BufferState } from "@connectors/connector-kit";
import { sendEvents } from "./lib/send-events.ts";
import type { SalesforceConfig } from "./lib/types.ts";

type Meta = PluginMeta<SalesforceConfig, { buffer?: BufferState; options: BufferOptions }>;

/**
 * Checks the config, gets a token and creates the 1 MB / 1 s buffer.
 *
 * @throws Error for an invalid config; RetryError('Failed to getToken. cache or salesforce is unavailable')
 */
export async function setupPlugin(meta: Meta): Promise<void> {
  checkConfig(meta.config);
  try {
    await getToken(meta);
  } catch (error) {
    meta.logger.error(`Failed to get a Salesforce token: ${error instanceof Error ? error.message : String(error)}`);
    throw new RetryError("Failed to getToken. cache or salesforce is unavailable");
  }
  meta.global.options = {
    limit: 1024 * 1024,
    timeoutSeconds: 1,
    timerJob: "flushSalesforceBuffer",
    onFlush: (events) => sendEvents(meta, events as ProcessedPluginEvent[]),
  };
  meta.global.buffer = createBufferState();
}

/** Buffers an included event (exact names from `eventsToInclude`, not trimmed). */
export async function onEvent(event: ProcessedPluginEvent, meta: Meta): Promise<void> {
  const { buffer, options } = meta.global;
  if (!buffer) throw new Error(`there is no buffer. setup must have failed, cannot process event: ${event.event}`);
  if (!(meta.config.eventsToInclude ?? "").split(",").includes(event.event) || !event.properties) return;
  await addToBuffer(meta, buffer, options, event, event.uuid);
}

/** Sends what is still buffered (awaited, unlike the original). */
export async function teardownPlugin(meta: Meta): Promise<void> {
  if (meta.global.buffer) await flushBuffer(meta.global.buffer, meta.global.options);
}

export const jobs = {
  /** The buffer's 1 s timer. */
  async flushSalesforceBuffer(payload: { generation: number }, meta: Meta): Promise<void> {
    if (meta.global.buffer) await onTimer(meta.global.buffer, meta.global.options, payload.generation);
  },
};
