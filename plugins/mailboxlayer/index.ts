import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { fetchWithRetry } from "./lib/fetch-with-retry.ts";
import { findEmail } from "./lib/find-email.ts";
import { scoreEmail } from "./lib/score-email.ts";

type Meta = PluginMeta<{ mailboxlayerApiKey: string }, { mailboxlayerBaseUrl: string }>;

/** Builds the API base URL and checks that Mailboxlayer answers (2xx) for a test address. */
export async function setupPlugin({ config, global, fetch }: Meta): Promise<void> {
  global.mailboxlayerBaseUrl = `https://apilayer.net/api/check?access_key=${config.mailboxlayerApiKey}`;
  const response = await fetchWithRetry(fetch, `${global.mailboxlayerBaseUrl}&email=test@example.com&format=1`);
  if (!String(response.status).startsWith("2")) {
    throw new Error("Unable to connect to Mailboxlayer. Please make sure your API key is correct and that you are under your usage limit.");
  }
}

/** Scores the email of each `$identify` event (one request each, in order); returns every event. */
export async function processEventBatch(events: PluginEvent[], { global, fetch, logger }: Meta): Promise<PluginEvent[]> {
  for (const event of events) {
    if (event.event !== "$identify") continue;
    const email = findEmail(event);
    if (email !== undefined) await scoreEmail(event, email, global.mailboxlayerBaseUrl, fetch, logger);
  }
  return events;
}
