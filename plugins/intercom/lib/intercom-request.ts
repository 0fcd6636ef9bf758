import type { PluginMeta } from "@posthog/plugin-scaffold";

export const REQUEST_TIMEOUT_MS = 10_000;
/** Back-off of the job after Intercom was down: 6, 12, 24 s, then the event is reported. */
export const RETRY_DELAYS_SECONDS = [6, 12, 24];

/** Thrown when Intercom could not be reached, or answered 429/5xx: worth another try later. */
export class ServiceDownError extends Error {
  constructor(detail: string) {
    super(`Service is down, retry later (${detail})`);
    this.name = "ServiceDownError";
  }
}

/**
 * POSTs JSON to Intercom with the Bearer key. @throws ServiceDownError on a network error, a timeout, 429 or 5xx
 */
export async function intercomRequest(meta: PluginMeta<{ intercomApiKey: string }>, url: string, body: unknown): Promise<Response> {
  let response: Response;
  try {
    response = await meta.fetch(url, {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json", Authorization: `Bearer ${meta.config.intercomApiKey}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new ServiceDownError(error instanceof Error ? error.message : String(error));
  }
  if (response.status === 429 || response.status >= 500) throw new ServiceDownError(`HTTP ${response.status}`);
  return response;
}

/** `errors[0].message` of an Intercom error answer, if any. */
export async function errorMessage(response: Response): Promise<string | undefined> {
  try {
    const json = (await response.json()) as { errors?: Array<{ message?: string }> };
    return json?.errors?.[0]?.message;
  } catch {
    return undefined;
  }
}
