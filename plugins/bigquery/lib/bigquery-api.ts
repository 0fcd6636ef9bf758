import type { TokenProvider } from "@connectors/google-auth";
import type { PluginMeta } from "@posthog/plugin-scaffold";

export const REQUEST_TIMEOUT_MS = 20_000;

/** A non-2xx answer from BigQuery. */
export class BigQueryApiError extends Error {
  readonly status: number;
  constructor(operation: string, status: number, detail: string | undefined) {
    super(`BigQuery ${operation} answered ${status}${detail ? `: ${detail}` : ""}`);
    this.name = "BigQueryApiError";
    this.status = status;
  }
}

/** Where a table lives. */
export interface TableRef {
  projectId: string;
  datasetId: string;
  tableId: string;
}

const BASE = "https://bigquery.googleapis.com/bigquery/v2";

/** `…/projects/<p>/datasets/<d>/tables` (and `/<t>` with a table). */
export function tablesUrl(ref: TableRef, withTable = true): string {
  const dataset = `${BASE}/projects/${encodeURIComponent(ref.projectId)}/datasets/${encodeURIComponent(ref.datasetId)}/tables`;
  return withTable ? `${dataset}/${encodeURIComponent(ref.tableId)}` : dataset;
}

/** One authenticated JSON call. @throws BigQueryApiError on a non-2xx answer (a 401 also drops the cached token) */
export async function callBigQuery(meta: Pick<PluginMeta, "fetch">, tokens: TokenProvider, operation: string, method: string, url: string, body?: unknown): Promise<any> {
  const headers: Record<string, string> = { authorization: `Bearer ${await tokens.getToken()}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await meta.fetch(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const data = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
  if (!response.ok) {
    if (response.status === 401) tokens.reset();
    throw new BigQueryApiError(operation, response.status, data.error?.message);
  }
  return data;
}
