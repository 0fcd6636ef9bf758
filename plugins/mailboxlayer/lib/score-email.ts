import type { Logger, PluginEvent, PluginFetch } from "@posthog/plugin-scaffold";
import { fetchWithRetry } from "./fetch-with-retry.ts";

/** `encodeURIComponent`, but with `@` kept literal (`a+b@x.io` -> `a%2Bb@x.io`). */
export function encodeEmail(email: unknown): string {
  return encodeURIComponent(String(email)).replaceAll("%40", "@");
}

/**
 * Looks the email up and sets `$set.email_score` / `$set.suggested_email_fix`. The status is not
 * checked (Mailboxlayer reports errors as JSON with HTTP 200); an answer without a numeric `score`
 * leaves the event alone with a warning.
 */
export async function scoreEmail(event: PluginEvent, email: unknown, baseUrl: string, fetch: PluginFetch, logger: Logger): Promise<void> {
  const response = await fetchWithRetry(fetch, `${baseUrl}&email=${encodeEmail(email)}&format=1`);
  const result = (await response.json()) as { score?: unknown; did_you_mean?: unknown; error?: { info?: unknown } } | null;
  if (typeof result?.score !== "number") {
    logger.warn(`Mailboxlayer returned no score for event ${event.uuid ?? ""}: ${String(result?.error?.info ?? "unexpected answer")}`);
    return;
  }
  event.$set ??= {};
  event.$set.email_score = result.score;
  event.$set.suggested_email_fix = result.did_you_mean;
}
