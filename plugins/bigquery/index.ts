import { createTokenProvider, parseServiceAccount, type TokenProvider } from "@connectors/google-auth";
import { RetryError } from "@posthog/plugin-scaffold";
import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { callBigQuery, tablesUrl, type TableRef } from "./lib/bigquery-api.ts";
import { ensureTable } from "./lib/ensure-table.ts";
import { isOperationalError } from "./lib/is-operational-error.ts";
import { toRow } from "./lib/to-row.ts";

interface Config {
  datasetId?: string;
  tableId?: string;
  exportEventsToIgnore?: string;
  exportElementsOnAnyEvent?: "Yes" | "No";
}
type Meta = PluginMeta<Config, { exportEventsToIgnore: Set<string>; table?: { ref: TableRef; tokens: TokenProvider } }>;

const SCOPE = "https://www.googleapis.com/auth/bigquery";

/** Reads the key file and makes sure the table has every column (cached). @throws Error on bad config; RetryError on network-level failures */
export async function setupPlugin(meta: Meta): Promise<void> {
  const attachment = meta.attachments.googleCloudKeyJson;
  if (!attachment) throw new Error("JSON config not provided!");
  if (!meta.config.datasetId) throw new Error("Dataset ID not provided!");
  if (!meta.config.tableId) throw new Error("Table ID not provided!");
  meta.global.exportEventsToIgnore = new Set(
    (meta.config.exportEventsToIgnore ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter(Boolean),
  );
  const account = parseServiceAccount(attachment.contents);
  const tokens = createTokenProvider({ account, scope: SCOPE, fetch: meta.fetch });
  const ref = { projectId: account.project_id, datasetId: meta.config.datasetId, tableId: meta.config.tableId };
  try {
    await ensureTable(meta, tokens, ref);
  } catch (error) {
    if (isOperationalError(error)) throw new RetryError(`Operational fetch error encountered: ${(error as Error).message}`);
    throw error;
  }
  meta.global.table = { ref, tokens };
}

/** Streams the non-ignored events with one insertAll. @throws RetryError on any failure, including insertErrors */
export async function exportEvents(events: ProcessedPluginEvent[], meta: Meta): Promise<void> {
  const table = meta.global.table;
  if (!table) throw new Error("No BigQuery client initialized!");
  const ingestedAt = new Date().toISOString();
  const anyEvent = meta.config.exportElementsOnAnyEvent === "Yes";
  const rows = events.filter((event) => !meta.global.exportEventsToIgnore.has(event.event)).map((event) => toRow(event, anyEvent, ingestedAt));
  if (rows.length === 0) return;
  let message: string | undefined;
  try {
    const answer = (await callBigQuery(meta, table.tokens, "insertAll", "POST", `${tablesUrl(table.ref)}/insertAll`, { rows })) as {
      insertErrors?: Array<{ index: number; errors: Array<{ reason?: string; message?: string }> }>;
    };
    if (answer.insertErrors?.length) {
      message = `${answer.insertErrors.length} row(s) rejected: ${answer.insertErrors
        .slice(0, 3)
        .map((e) => `row ${e.index}: ${e.errors.map((x) => x.message ?? x.reason).join("; ")}`)
        .join(" | ")}`;
    }
  } catch (error) {
    message = error instanceof Error ? error.message : String(error);
  }
  if (message !== undefined) {
    meta.logger.error(`Error inserting ${rows.length} event(s) into BigQuery: ${message}`);
    throw new RetryError(`Error inserting into BigQuery! ${message}`);
  }
}
