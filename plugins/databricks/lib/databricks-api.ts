import { RetryError, type PluginMeta } from "@posthog/plugin-scaffold";

export const REQUEST_TIMEOUT_MS = 20_000;

/**
 * `POST https://<domain><path>` with the Bearer token and a JSON body; a thrown network error is retried once.
 *
 * @throws Error `POST request to <url> failed.` after two network failures; RetryError for 429/5xx; Error for other non-2xx
 */
export async function postDatabricks(meta: Pick<PluginMeta, "fetch">, domain: string, apiKey: string, path: string, body: unknown): Promise<any> {
  const url = `https://${domain}${path}`;
  const init = { method: "POST", headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" }, body: JSON.stringify(body) };
  let response: Response | undefined;
  for (let attempt = 0; attempt < 2 && !response; attempt++) {
    response = await meta.fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }).catch(() => undefined);
  }
  if (!response) throw new Error(`POST request to ${url} failed.`);
  const data = (await response.json().catch(() => ({}))) as { error_code?: string; message?: string };
  if (!response.ok) {
    const message = `Databricks ${path} answered ${response.status}${data.error_code ? ` ${data.error_code}` : ""}${data.message ? `: ${data.message}` : ""}`;
    if (response.status === 429 || response.status >= 500) throw new RetryError(message);
    throw new Error(message);
  }
  return data;
}
