import type { TokenProvider } from "@connectors/google-auth";
import type { PluginMeta } from "@posthog/plugin-scaffold";

export const REQUEST_TIMEOUT_MS = 20_000;

/** A non-2xx answer from Pub/Sub, with Google's status name (`NOT_FOUND`, `ALREADY_EXISTS`, ...). */
export class PubSubApiError extends Error {
  readonly status: number;
  readonly googleStatus: string | undefined;
  constructor(operation: string, status: number, googleStatus: string | undefined, detail: string | undefined) {
    super(`Pub/Sub ${operation} answered ${status}${googleStatus ? ` ${googleStatus}` : ""}${detail ? `: ${detail}` : ""}`);
    this.name = "PubSubApiError";
    this.status = status;
    this.googleStatus = googleStatus;
  }
}

/** `https://pubsub.googleapis.com/v1/projects/<project>/topics/<topic>`. */
export function topicUrl(project: string, topic: string): string {
  return `https://pubsub.googleapis.com/v1/projects/${encodeURIComponent(project)}/topics/${encodeURIComponent(topic)}`;
}

/**
 * One authenticated JSON call. @throws PubSubApiError on a non-2xx answer (a 401 also drops the cached token)
 */
export async function callPubSub(meta: Pick<PluginMeta, "fetch">, tokens: TokenProvider, operation: string, method: string, url: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { authorization: `Bearer ${await tokens.getToken()}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await meta.fetch(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const data = (await response.json().catch(() => ({}))) as { error?: { status?: string; message?: string } };
  if (!response.ok) {
    if (response.status === 401) tokens.reset();
    throw new PubSubApiError(operation, response.status, data.error?.status, data.error?.message);
  }
  return data;
}
