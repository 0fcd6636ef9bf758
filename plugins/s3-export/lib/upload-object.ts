import { signRequest } from "@connectors/aws-sigv4";
import type { PluginMeta } from "@posthog/plugin-scaffold";
import type { S3Settings } from "./read-settings.ts";

/** Time limit of one PutObject request. */
export const UPLOAD_TIMEOUT_MS = 25_000;

/**
 * PutObject, signed with SigV4 (service `s3`), with the SSE headers the settings ask for.
 *
 * @throws Error naming the status and S3's error code when the answer is not 2xx (or the request fails)
 */
export async function uploadObject(meta: Pick<PluginMeta, "fetch">, settings: S3Settings, url: string, body: Uint8Array): Promise<void> {
  const headers: Record<string, string> = { "content-type": "application/octet-stream" };
  if (settings.sse) {
    headers["x-amz-server-side-encryption"] = settings.sse.algorithm;
    if (settings.sse.kmsKeyId) headers["x-amz-server-side-encryption-aws-kms-key-id"] = settings.sse.kmsKeyId;
  }
  const signed = signRequest({
    method: "PUT",
    url,
    headers,
    body,
    service: "s3",
    region: settings.region,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    date: new Date(),
  });
  const response = await meta.fetch(url, { method: "PUT", headers: signed.headers, body, signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS) });
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
    throw new Error(`S3 answered ${response.status}${code ? ` ${code}` : ""}`);
  }
}
