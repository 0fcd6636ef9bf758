import { randomInt } from "node:crypto";
import { collectRows } from "@connectors/connector-kit";
import { runQuery } from "@connectors/connector-kit/pg";
import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { buildCreateTable } from "./lib/build-insert.ts";
import { parseEvent } from "./lib/parse-event.ts";
import { readSettings, type PostgresConfig, type PostgresSettings } from "./lib/read-settings.ts";
import { uploadBatch, type UploadPayload } from "./lib/upload-batch.ts";

type Meta = PluginMeta<PostgresConfig, { settings: PostgresSettings }>;

/** Checks the config and creates the table. @throws Error when the server cannot be reached or the DDL fails (plugin disabled) */
export async function setupPlugin(meta: Meta): Promise<void> {
  const settings = readSettings(meta.config);
  const error = await runQuery(settings.client, buildCreateTable(settings.table));
  if (error) throw new Error(`Unable to connect to PostgreSQL instance and create table with error: ${error.message}`);
  meta.global.settings = settings;
}

/** Turns a batch into rows and hands it to the `uploadBatchToPostgres` job; never throws for database errors. */
export async function exportEvents(events: ProcessedPluginEvent[], meta: Meta): Promise<void> {
  const batch = collectRows(events, { eventsToIgnore: meta.global.settings.eventsToIgnore, toRow: parseEvent, logger: meta.logger });
  if (batch.length === 0) return;
  const payload: UploadPayload = { batch, batchId: randomInt(0, 1_000_000), retriesPerformedSoFar: 0 };
  await meta.jobs.uploadBatchToPostgres!(payload).runNow();
}

export const jobs = {
  /** Inserts a batch; re-enqueues itself with back-off on failure (3 s, 6 s, 12 s, ... 15 retries). */
  uploadBatchToPostgres: (payload: UploadPayload, meta: Meta) => uploadBatch(payload, meta),
};
