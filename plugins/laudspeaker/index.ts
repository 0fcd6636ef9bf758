import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { addLaudspeakerExtras } from "./lib/add-laudspeaker-extras.ts";
import { addToBuffer, createBufferState, flushBuffer, onTimer, type BufferOptions, type BufferState } from "@connectors/connector-kit";
import { toSegmentMessage } from "@connectors/connector-kit";
import { retryBatch, uploadBatch, type RetryPayload, type UploadTarget } from "@connectors/connector-kit";

interface LaudspeakerConfig {
  dataPlaneUrl: string;
  writeKey: string;
  phEmail?: string;
  phPhoneNumber?: string;
  phCustom?: string;
}

type Meta = PluginMeta<LaudspeakerConfig, { target: UploadTarget; buffer: BufferState; options: BufferOptions }>;

/** Prepares the `Api-Key` header and the 5 MB / 10 s buffer (no network call). */
export function setupPlugin(meta: Meta): void {
  const target: UploadTarget = { service: "Laudspeaker", url: meta.config.dataPlaneUrl, authorization: `Api-Key ${meta.config.writeKey}`, retryJob: "uploadBatchToLaud" };
  meta.global.target = target;
  meta.global.buffer = createBufferState();
  meta.global.options = {
    limit: 5 * 1024 * 1024,
    timeoutSeconds: 10,
    timerJob: "flushLaudBuffer",
    onFlush: (batch, uuids) => uploadBatch(meta, target, { batch, batchId: Math.floor(Math.random() * 1_000_000), retriesPerformedSoFar: 0, uuids }),
  };
}

/** Maps the event to a Segment-style message (plus Laudspeaker's extras) and buffers it. */
export async function onEvent(event: ProcessedPluginEvent, meta: Meta): Promise<void> {
  const message = addLaudspeakerExtras(toSegmentMessage(event), event, meta.config);
  await addToBuffer(meta, meta.global.buffer, meta.global.options, message, event.uuid);
}

/** Sends whatever is still buffered (the original lost it on reload). */
export async function teardownPlugin(meta: Meta): Promise<void> {
  await flushBuffer(meta.global.buffer, meta.global.options);
}

export const jobs = {
  /** Retries a batch whose upload failed (network error, 429, 5xx); gives up (reporting the uuids) at 15 retries. */
  async uploadBatchToLaud(payload: RetryPayload, meta: Meta): Promise<void> {
    await retryBatch(meta, meta.global.target, payload);
  },
  /** The buffer's 10 s timer. */
  async flushLaudBuffer(payload: { generation: number }, meta: Meta): Promise<void> {
    await onTimer(meta.global.buffer, meta.global.options, payload.generation);
  },
};
