import type { TokenProvider } from "@connectors/google-auth";
import type { PluginMeta } from "@posthog/plugin-scaffold";

export const UPLOAD_TIMEOUT_MS = 25_000;

/**
 * Simple media upload: `POST https://storage.googleapis.com/upload/storage/v1/b/<bucket>/o?uploadType=media&name=<name>`.
 *
 * @throws Error naming the status and Google's message when the answer is not 2xx (a 401 also drops the cached token)
 */
export async function uploadObject(meta: Pick<PluginMeta, "fetch">, tokens: TokenProvider, bucket: string, name: string, csv: string): Promise<void> {
  const url = `https://storage.googleapis.com/upload/storage/v1/b/${encodeURIComponent(bucket)}/o?uploadType=media&name=${encodeURIComponent(name)}`;
  const response = await meta.fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${await tokens.getToken()}`, "content-type": "text/csv" },
    body: csv,
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  if (!response.ok) {
    if (response.status === 401) tokens.reset();
    const data = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    throw new Error(`GCS answered ${response.status}${data.error?.message ? `: ${data.error.message}` : ""}`);
  }
}
