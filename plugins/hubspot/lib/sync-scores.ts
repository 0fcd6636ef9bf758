import type { PluginMeta } from "@posthog/plugin-scaffold";
import { API, fetchWithRetry, withAuth } from "./hubspot-request.ts";

export const NEXT_URL_KEY = "next_hubspot_contacts_url";
export const LAST_DAY_KEY = "last_job_complete_day";

interface Config {
  hubspotApiKey: string;
  postHogUrl: string;
  syncMode: "production" | "debug";
}

/** The original's day string: UTC year, zero-based UTC month, UTC day (5 March 2024 -> "2024-2-5"). */
export function dayString(date: Date): string {
  return `${date.getUTCFullYear()}-${date.getUTCMonth()}-${date.getUTCDate()}`;
}

interface ContactsPage {
  results?: Array<{ properties?: { email?: string; hubspotscore?: string } }>;
  paging?: { next?: { link?: string } };
  status?: string;
}

/** One page of the score sync: HubSpot contacts with a score -> `hubspot score updated` for their PostHog persons. */
export async function syncScores(meta: PluginMeta<Config>): Promise<void> {
  const { config, storage, posthog, logger } = meta;
  if (!config.postHogUrl) {
    logger.log("Not syncing Hubspot scores: no PostHog URL configured");
    return;
  }
  const key = config.hubspotApiKey;
  let url = (await storage.get(NEXT_URL_KEY, null)) as string | null;
  if (!url) {
    if ((await storage.get(LAST_DAY_KEY, null)) === dayString(new Date()) && config.syncMode === "production") return;
    url = withAuth(`${API}?limit=100&paginateAssociations=false&archived=false`, key) + "&properties=email,hubspotscore";
  }
  const response = await fetchWithRetry(meta, url, { method: "GET" }, key);
  const page = ((await response.json().catch(() => ({}))) ?? {}) as ContactsPage;
  if (!response.ok || page.status === "error") logger.error(`Unable to list Hubspot contacts: HTTP ${response.status}`);
  const next = page.paging?.next?.link;
  if (next) await storage.set(NEXT_URL_KEY, withAuth(next, key));
  else await storage.del(NEXT_URL_KEY);
  let updated = 0;
  for (const contact of page.results ?? []) {
    const { email, hubspotscore: score } = contact.properties ?? {};
    if (!email || !score) continue;
    try {
      const found = await posthog.api.get(`/api/projects/@current/persons?email=${encodeURIComponent(email)}`, { host: config.postHogUrl });
      const persons = ((await found.json()) as { results?: Array<{ id?: unknown; distinct_ids?: string[] }> }).results ?? [];
      for (const person of persons) {
        if (!person.id) continue;
        await posthog.capture("hubspot score updated", { distinct_id: person.distinct_ids?.[0], hubspot_score: score, $set: { hubspot_score: Number.parseInt(score, 10) } });
        updated++;
      }
    } catch (error) {
      logger.error(`Unable to update the Hubspot score of ${email}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (next) {
    await posthog.capture("hubspot contact sync batch completed", { num_updated: updated });
  } else {
    await posthog.capture("hubspot contact sync all contacts completed", { num_updated: updated });
    await storage.set(LAST_DAY_KEY, dayString(new Date()));
  }
}
