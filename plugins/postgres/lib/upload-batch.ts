import { runQuery } from "@connectors/connector-kit/pg";
import type { PluginMeta } from "@posthog/plugin-scaffold";
import { buildInsert } from "./build-insert.ts";
import type { ParsedEvent } from "./parse-event.ts";
import { readSettings, type PostgresConfig, type PostgresSettings } from "./read-settings.ts";

/** Payload of the `uploadBatchToPostgres` job. */
export interface UploadPayload {
  batch: ParsedEvent[];
  batchId: number;
  retriesPerformedSoFar: number;
}

/** Retries after the first attempt; the last waits 2^15 × 3 s (≈ 27 h). */
export const MAX_RETRIES = 15;

/** Delay before retry n+1 after the n-th retry failed: 2^n × 3000 ms. */
export function retryDelayMs(retriesPerformedSoFar: number): number {
  return 2 ** retriesPerformedSoFar * 3000;
}

type Meta = PluginMeta<PostgresConfig, { settings?: PostgresSettings }>;

/**
 * Inserts a batch in one statement. On failure the same payload is re-enqueued with back-off; after
 * {@link MAX_RETRIES} retries the batch is given up on with an error naming every event uuid (never silently).
 */
export async function uploadBatch(payload: UploadPayload, meta: Meta): Promise<void> {
  const { batch, batchId, retriesPerformedSoFar } = payload;
  if (!batch?.length) return;
  const settings = (meta.global.settings ??= readSettings(meta.config));
  const { text, values } = buildInsert(settings.table, batch);
  meta.logger.log(`(Batch Id: ${batchId}) Flushing ${batch.length} event${batch.length > 1 ? "s" : ""} to Postgres instance`);
  const error = await runQuery(settings.client, text, values);
  if (!error) return;
  if (retriesPerformedSoFar >= MAX_RETRIES) {
    const message = `(Batch Id: ${batchId}) Failed to insert ${batch.length} event(s) into Postgres after ${MAX_RETRIES} retries, giving up: ${error.message} (event uuids: ${batch.map((row) => row.uuid).join(", ")})`;
    meta.logger.error(message);
    throw new Error(message);
  }
  const delay = retryDelayMs(retriesPerformedSoFar);
  meta.logger.error(`(Batch Id: ${batchId}) Error inserting into Postgres: ${error.message}. Retry ${retriesPerformedSoFar + 1}/${MAX_RETRIES} in ${delay / 1000} s`);
  await meta.jobs.uploadBatchToPostgres!({ ...payload, retriesPerformedSoFar: retriesPerformedSoFar + 1 }).runIn(delay, "milliseconds");
}
