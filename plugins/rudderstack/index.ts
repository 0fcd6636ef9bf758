import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { addToBuffer, createBufferState, flushBuffer, onTimer, type BufferOptions, type BufferState } from "@connectors/connector-kit";
import { toSegmentMessage } from "@connectors/connector-kit";
import { retryBatch, uploadBatch, type RetryPayload, type UploadTarget } from "@connectors/connector-kit";

type Meta = PluginMeta<{ dataPlaneUrl: string; writeKey: string }, { target: UploadTarget; buffer: BufferState; options: BufferOptions }>;

/** Prepares the Basic `<writeKey>:` header and the 5 MB / 60 s buffer (no network call). */
export function setupPlugin(meta: Meta): void {
  const authorization = `Basic ${Buffer.from(`${meta.config.writeKey}:`).toString("base64")}`;
  const target: UploadTarget = { service: "RudderStack", url: meta.config.dataPlaneUrl, authorization, retryJob: "uploadBatchToRudder" };
  meta.global.target = target;
  meta.global.buffer = createBufferState();
  meta.global.options = {
    limit: 5 * 1024 * 1024,
    timeoutSeconds: 60,
    timerJob: "flushRudderBuffer",
    onFlush: (batch, uuids) => uploadBatch(meta, target, { batch, batchId: Math.floor(Math.random() * 1_000_000), retriesPerformedSoFar: 0, uuids }),
  };
}

/** Maps the event to a RudderStack message and buffers it (every event; no filtering). */
export async function onEvent(event: ProcessedPluginEvent, meta: Meta): Promise<void> {
  await addToBuffer(meta, meta.global.buffer, meta.global.options, toSegmentMessage(event), event.uuid);
}

/** Sends whatever is still buffered (the original lost it on reload). */
export async function teardownPlugin(meta: Meta): Promise<void> {
  await flushBuffer(meta.global.buffer, meta.global.options);
}

export const jobs = {
  /** Retries a batch whose upload failed (network error, 429, 5xx); gives up (reporting the uuids) at 15 retries. */
  async uploadBatchToRudder(payload: RetryPayload, meta: Meta): Promise<void> {
    await retryBatch(meta, meta.global.target, payload);
  },
  /** The buffer's 60 s timer. */
  async flushRudderBuffer(payload: { generation: number }, meta: Meta): Promise<void> {
    await onTimer(meta.global.buffer, meta.global.options, payload.generation);
  },
};
