import type { PluginMeta } from "@posthog/plugin-scaffold";

export const REQUEST_TIMEOUT_MS = 10_000;

/** One Engage API call. Never throws: non-2xx answers and network errors are logged with the event uuid. */
export async function sendToEngage(meta: PluginMeta<{ publicKey: string; secret: string }>, method: "PUT" | "POST", url: string, body: unknown, uuid: string): Promise<void> {
  const auth = Buffer.from(`${meta.config.publicKey}:${meta.config.secret}`).toString("base64");
  try {
    const response = await meta.fetch(url, {
      method,
      headers: { "Content-Type": "application/json", Authorization: `Basic ${auth}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) {
      const text = (await response.text().catch(() => "")).slice(0, 300);
      meta.logger.error(`Engage ${method} ${url} failed with HTTP ${response.status}${text ? `: ${text}` : ""} (event ${uuid} not delivered)`);
    }
  } catch (error) {
    meta.logger.error(`Engage ${method} ${url} failed: ${error instanceof Error ? error.message : String(error)} (event ${uuid} not delivered)`);
  }
}
