import { encodeRfc3986, signRequest } from "@connectors/aws-sigv4";
import type { TokenProvider } from "@connectors/google-auth";
import type { PluginMeta } from "@posthog/plugin-scaffold";
import type { SnowflakeSettings } from "./read-settings.ts";

export const UPLOAD_TIMEOUT_MS = 25_000;

/**
 * Puts a staged file into the bucket: S3 PutObject (SigV4) or a GCS media upload.
 *
 * @throws Error naming the status when the answer is not 2xx
 */
export async function uploadStagedFile(meta: Pick<PluginMeta, "fetch">, settings: SnowflakeSettings, tokens: TokenProvider | undefined, name: string, text: string): Promise<void> {
  const body = Buffer.from(text, "utf8");
  let response: Response;
  if (settings.s3) {
    const url = `https://${settings.bucketName}.s3.${settings.s3.region}.amazonaws.com/${name.split("/").map(encodeRfc3986).join("/")}`;
    const { headers } = signRequest({
      method: "PUT",
      url,
      headers: { "content-type": "text/csv" },
      body,
      service: "s3",
      region: settings.s3.region,
      credentials: { accessKeyId: settings.s3.accessKeyId, secretAccessKey: settings.s3.secretAccessKey },
      date: new Date(),
    });
    response = await meta.fetch(url, { method: "PUT", headers, body, signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS) });
  } else {
    const url = `https://storage.googleapis.com/upload/storage/v1/b/${encodeURIComponent(settings.bucketName)}/o?uploadType=media&name=${encodeURIComponent(name)}`;
    response = await meta.fetch(url, { method: "POST", headers: { authorization: `Bearer ${await tokens!.getToken()}`, "content-type": "text/csv" }, body, signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS) });
    if (response.status === 401) tokens!.reset();
  }
  if (!response.ok) throw new Error(`${settings.s3 ? "S3" : "GCS"} upload of ${name} answered ${response.status}`);
}
