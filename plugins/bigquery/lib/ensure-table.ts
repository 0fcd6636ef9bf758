import type { TokenProvider } from "@connectors/google-auth";
import { RetryError, type PluginMeta } from "@posthog/plugin-scaffold";
import { BigQueryApiError, callBigQuery, tablesUrl, type TableRef } from "./bigquery-api.ts";
import { TABLE_SCHEMA, type SchemaField } from "./table-schema.ts";

type Meta = Pick<PluginMeta, "fetch" | "logger" | "cache">;

const CACHE_KEY = "cachedMetadata";

function missingFields(existing: SchemaField[]): SchemaField[] {
  const names = new Set(existing.map((field) => field.name));
  return TABLE_SCHEMA.filter((field) => !names.has(field.name));
}

/**
 * Makes sure the table exists with every column: creates it on 404 (a 409 from a concurrent creation is
 * fine, other creation errors are RetryError), or appends the missing columns with a PATCH (if that fails
 * and the columns are still missing, the error is thrown). Skipped when the cache says it was done.
 */
export async function ensureTable(meta: Meta, tokens: TokenProvider, ref: TableRef): Promise<void> {
  const done = { tableId: ref.tableId, datasetId: ref.datasetId, existingFields: TABLE_SCHEMA.length };
  const cached = (await meta.cache.get(CACHE_KEY, null)) as typeof done | null;
  if (cached && cached.datasetId === done.datasetId && cached.tableId === done.tableId && cached.existingFields === done.existingFields) return;
  const url = tablesUrl(ref);
  let metadata: { schema?: { fields?: SchemaField[] } };
  try {
    metadata = await callBigQuery(meta, tokens, "tables.get", "GET", url);
  } catch (error) {
    if (!(error instanceof BigQueryApiError && error.status === 404)) throw error;
    try {
      await callBigQuery(meta, tokens, "tables.insert", "POST", tablesUrl(ref, false), {
        tableReference: { projectId: ref.projectId, datasetId: ref.datasetId, tableId: ref.tableId },
        schema: { fields: TABLE_SCHEMA.map(({ name, type }) => ({ name, type })) },
      });
      meta.logger.log(`Created BigQuery table ${ref.projectId}:${ref.datasetId}.${ref.tableId}`);
    } catch (createError) {
      if (!(createError instanceof BigQueryApiError && createError.status === 409)) {
        if (createError instanceof RetryError || !(createError instanceof BigQueryApiError)) throw createError;
        throw new RetryError(`Creating the BigQuery table failed: ${createError.message}`);
      }
    }
    await meta.cache.set(CACHE_KEY, done);
    return;
  }
  const fields = metadata.schema?.fields;
  if (!fields) throw new Error("Can not get metadata for table. Please check if the table schema is defined.");
  const missing = missingFields(fields);
  if (missing.length) {
    meta.logger.log(`Adding missing columns to BigQuery table ${ref.datasetId}.${ref.tableId}: ${missing.map((f) => f.name).join(", ")}`);
    try {
      await callBigQuery(meta, tokens, "tables.patch", "PATCH", url, { schema: { fields: [...fields, ...missing] } });
    } catch (error) {
      const again = (await callBigQuery(meta, tokens, "tables.get", "GET", url)) as { schema?: { fields?: SchemaField[] } };
      const stillMissing = missingFields(again.schema?.fields ?? []);
      if (stillMissing.length) {
        meta.logger.error(`Could not add columns ${stillMissing.map((f) => f.name).join(", ")} to BigQuery table: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    }
  }
  await meta.cache.set(CACHE_KEY, done);
}
