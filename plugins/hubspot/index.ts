import { findEmail } from "@connectors/connector-kit";
import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { API, fetchWithRetry, withAuth } from "./lib/hubspot-request.ts";
import { mapProperties } from "./lib/map-properties.ts";
import { LAST_DAY_KEY, NEXT_URL_KEY, syncScores } from "./lib/sync-scores.ts";
import { upsertContact } from "./lib/upsert-contact.ts";

interface HubspotConfig {
  hubspotApiKey: string;
  triggeringEvents: string;
  additionalPropertyMappings?: string;
  ignoredEmails?: string;
  postHogUrl: string;
  syncMode: "production" | "debug";
}

type Meta = PluginMeta<HubspotConfig>;

/** Probes the HubSpot contacts API. @throws Error('Unable to connect to Hubspot. Please make sure your API key is correct.') */
export async function setupPlugin(meta: Meta): Promise<void> {
  const key = meta.config.hubspotApiKey;
  const response = await fetchWithRetry(meta, withAuth(`${API}?limit=1&paginateAssociations=false&archived=false`, key), { method: "GET" }, key);
  if (!response.ok) throw new Error("Unable to connect to Hubspot. Please make sure your API key is correct.");
}

/** Creates/updates the HubSpot contact of a triggering event with an email outside the ignored domains. */
export async function onEvent(event: ProcessedPluginEvent, meta: Meta): Promise<void> {
  const { config } = meta;
  if (!config.triggeringEvents.split(",").includes(event.event)) return;
  const email = findEmail(event);
  if (!email) return;
  if ((config.ignoredEmails ?? "").split(",").includes(email.split("@")[1]!)) return;
  try {
    await upsertContact(meta, { email, ...mapProperties(event, config.additionalPropertyMappings) }, event.uuid);
  } catch (error) {
    meta.logger.error(`Hubspot Contact for ${email} not sent (event ${event.uuid}): ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}

/** Syncs one page of HubSpot contact scores into PostHog persons. */
export async function runEveryMinute(meta: Meta): Promise<void> {
  await syncScores(meta);
}

export const jobs = {
  /** Public job: forgets the sync position and the last completed day. */
  async "Clear storage"(_payload: unknown, meta: Meta): Promise<void> {
    await meta.storage.del(NEXT_URL_KEY);
    await meta.storage.del(LAST_DAY_KEY);
  },
};
