import type { PluginMeta } from "@posthog/plugin-scaffold";

export const REQUEST_TIMEOUT_MS = 10_000;
/** Attempts per batch (the first one plus 14 retries by job), as the original's 15-retry cap. */
export const MAX_RETRIES = 15;

/** Payload of the retry job (the original's, plus the events' uuids for loss reports). */
export interface RetryPayload {
  batch: unknown[];
  batchId: number;
  retriesPerformedSoFar: number;
  uuids: string[];
}

/** Where and how a batch goes. */
export interface UploadTarget {
  service: string;
  url: string;
  authorization: string;
  retryJob: string;
}

/** Thrown (from the retry job) when a batch is given up on; names its events' uuids. */
export class BatchLostError extends Error {
  constructor(service: string, payload: RetryPayload, why: string) {
    super(`${service} batch ${payload.batchId} of ${payload.batch.length} events lost (${why}); event uuids: ${payload.uuids.join(", ")}`);
    this.name = "BatchLostError";
  }
}

/**
 * POSTs `{batch, sentAt}`. 2xx: done. Network error, timeout, 429 or 5xx: the retry job is enqueued after
 * 2^n × 3 s (n = retries so far) until the cap, then BatchLostError. Other statuses: logged with the
 * uuids and dropped (retrying cannot fix them).
 *
 * @throws BatchLostError when the retry cap is reached
 */
export async function uploadBatch(meta: PluginMeta, target: UploadTarget, payload: RetryPayload): Promise<void> {
  const { batch, batchId, retriesPerformedSoFar } = payload;
  let failure: string;
  try {
    const response = await meta.fetch(target.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: target.authorization },
      body: JSON.stringify({ batch, sentAt: new Date().toISOString() }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (response.ok) {
      meta.logger.log(`Flushed ${batch.length} events to ${target.service} (batch ${batchId})`);
      return;
    }
    const text = (await response.text().catch(() => "")).slice(0, 300);
    failure = `HTTP ${response.status}${text ? ` ${text}` : ""}`;
    if (response.status !== 429 && response.status < 500) {
      meta.logger.error(`${target.service} rejected batch ${batchId} of ${batch.length} events with ${failure}; dropped (event uuids: ${payload.uuids.join(", ")})`);
      return;
    }
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  const next = retriesPerformedSoFar + 1;
  if (next >= MAX_RETRIES) {
    const lost = new BatchLostError(target.service, payload, `still failing after ${retriesPerformedSoFar} retries: ${failure}`);
    meta.logger.error(lost.message);
    throw lost;
  }
  const delayMs = 2 ** retriesPerformedSoFar * 3000;
  meta.logger.warn(`Failed to send batch ${batchId} to ${target.service} (${failure}); retrying in ${delayMs / 1000} s`);
  await meta.jobs[target.retryJob]!({ ...payload, retriesPerformedSoFar: next }).runIn(delayMs, "milliseconds");
}

/**
 * The retry job's body: the batch again, unless it already had {@link MAX_RETRIES} retries, in which case
 * it is reported lost with its uuids. Payloads enqueued before uuids were recorded get an empty list.
 *
 * @throws BatchLostError when the retry cap is reached
 */
export async function retryBatch(meta: PluginMeta, target: UploadTarget, payload: Omit<RetryPayload, "uuids"> & { uuids?: string[] }): Promise<void> {
  const full = { ...payload, uuids: payload.uuids ?? [] };
  if (full.retriesPerformedSoFar >= MAX_RETRIES) throw new BatchLostError(target.service, full, `${MAX_RETRIES} retries reached`);
  await uploadBatch(meta, target, full);
}
