import type { PluginMeta } from "@posthog/plugin-scaffold";
import type { TwilioSettings } from "./read-settings.ts";

export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * POSTs the SMS (form-encoded `Body`, `From`, `To`); a network error is retried once at once. Non-2xx answers are logged.
 *
 * @throws Error('POST request to <url> failed.') after the second network failure
 */
export async function sendMessage(meta: PluginMeta, settings: TwilioSettings, eventName: string, from: string, to: string): Promise<void> {
  const body = new URLSearchParams({ Body: `Hi ${eventName} occured - PostHog`, From: from, To: to }).toString();
  const init = { method: "POST", headers: { Authorization: settings.authorization, "Content-Type": "application/x-www-form-urlencoded" }, body };
  let response: Response | undefined;
  for (let attempt = 1; !response; attempt++) {
    try {
      response = await meta.fetch(settings.messagesUrl, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      if (attempt >= 2) throw new Error(`POST request to ${settings.messagesUrl} failed.`, { cause: error });
    }
  }
  if (!response.ok) meta.logger.error(`Twilio answered HTTP ${response.status} for ${eventName} to ${to}: ${(await response.text().catch(() => "")).slice(0, 300)}`);
}
