import { collectRows } from "@connectors/connector-kit";
import { RetryError } from "@posthog/plugin-scaffold";
import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { buildCreateTable, buildInsert } from "./lib/build-statements.ts";
import { parseEvent } from "./lib/parse-event.ts";
import { readSettings, type RedshiftConfig, type RedshiftSettings } from "./lib/read-settings.ts";
import { runQuery } from "./lib/run-query.ts";

type Meta = PluginMeta<RedshiftConfig, { settings: RedshiftSettings }>;

/** Checks the config and creates the table. @throws Error on bad config or when the DDL fails (plugin disabled) */
export async function setupPlugin(meta: Meta): Promise<void> {
  const settings = readSettings(meta.config);
  const error = await runQuery(settings.client, buildCreateTable(settings.table, settings.propertiesDataType));
  if (error) throw new Error(`Unable to connect to Redshift cluster and create table with error: ${error.message}`);
  meta.global.settings = settings;
}

/** Inserts a batch in one statement. @throws RetryError when the insert fails (the host retries the batch) */
export async function exportEvents(events: ProcessedPluginEvent[], meta: Meta): Promise<void> {
  const { settings } = meta.global;
  const rows = collectRows(events, { eventsToIgnore: settings.eventsToIgnore, toRow: parseEvent, logger: meta.logger });
  if (rows.length === 0) return;
  const { text, values } = buildInsert(settings.table, rows, settings.propertiesDataType);
  const error = await runQuery(settings.client, text, values);
  if (error) {
    meta.logger.error(`Error uploading to Redshift: ${error.message}. Setting up retries...`);
    throw new RetryError(`Inserting ${rows.length} event(s) into Redshift failed: ${error.message}`);
  }
}

/** Nothing to release: every statement used its own connection (the original flushed a buffer it never created). */
export function teardownPlugin(): void {}
