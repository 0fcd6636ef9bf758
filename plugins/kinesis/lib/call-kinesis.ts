import { signRequest } from "@connectors/aws-sigv4";
import type { PluginFetch } from "@posthog/plugin-scaffold";

/** Time limit of one Kinesis API call. */
export const KINESIS_TIMEOUT_MS = 10_000;

/** What a Kinesis call needs: region and credentials. */
export interface KinesisSettings {
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** A failed Kinesis call: `name` is the error type (`ExpiredIteratorException`, ...), `status` the HTTP status (0: no answer). */
export class KinesisError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The Kinesis endpoint of a region. */
export function kinesisEndpoint(region: string): string {
  return `https://kinesis.${region}.amazonaws.com/`;
}

/**
 * POSTs one operation of the Kinesis JSON 1.1 API (`X-Amz-Target: Kinesis_20131202.<operation>`), signed
 * with SigV4 at the current time, and returns the parsed answer.
 *
 * @throws KinesisError for a non-2xx answer (name from `__type` after the last `#`) or a failed request
 */
export async function callKinesis<T>(fetch: PluginFetch, settings: KinesisSettings, operation: string, body: unknown): Promise<T> {
  const url = kinesisEndpoint(settings.region);
  const text = JSON.stringify(body);
  const signed = signRequest({
    method: "POST",
    url,
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `Kinesis_20131202.${operation}` },
    body: text,
    service: "kinesis",
    region: settings.region,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    date: new Date(),
  });
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: signed.headers, body: text, signal: AbortSignal.timeout(KINESIS_TIMEOUT_MS) });
  } catch (error) {
    throw new KinesisError("NetworkError", `${operation} request failed: ${error instanceof Error ? error.message : String(error)}`, 0);
  }
  const raw = await response.text().catch(() => "");
  let parsed: unknown;
  try {
    parsed = raw === "" ? {} : JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const answer = (parsed ?? {}) as { __type?: unknown; message?: unknown; Message?: unknown };
    const type = typeof answer.__type === "string" ? answer.__type.split("#").at(-1)! : `HTTP${response.status}`;
    const message = typeof answer.message === "string" ? answer.message : typeof answer.Message === "string" ? answer.Message : raw.slice(0, 200);
    throw new KinesisError(type, `${operation} failed: ${type} (status ${response.status})${message ? `: ${message}` : ""}`, response.status);
  }
  if (parsed === undefined) throw new KinesisError("InvalidResponse", `${operation} answered ${response.status} with a body that is not JSON`, response.status);
  return parsed as T;
}
