import type { PluginMeta } from "@posthog/plugin-scaffold";
import { API, fetchWithRetry, withAuth } from "./hubspot-request.ts";

async function readJson(response: Response): Promise<{ status?: unknown; message?: unknown }> {
  try {
    return ((await response.json()) as { status?: unknown; message?: unknown }) ?? {};
  } catch {
    return {};
  }
}

/**
 * Creates the contact; on 409 PATCHes the existing one (id from `Existing ID: <digits>`). Failures are
 * logged with the event's uuid, never thrown (network failures twice do throw, from fetchWithRetry).
 */
export async function upsertContact(meta: PluginMeta<{ hubspotApiKey: string }>, properties: Record<string, unknown>, uuid: string): Promise<void> {
  const key = meta.config.hubspotApiKey;
  const body = JSON.stringify({ properties });
  const headers = { "Content-Type": "application/json" };
  const email = String(properties.email);
  const created = await fetchWithRetry(meta, withAuth(API, key), { method: "POST", headers, body }, key);
  const json = await readJson(created);
  if (created.ok && json.status !== "error") {
    meta.logger.log(`Created Hubspot Contact for ${email}`);
    return;
  }
  if (created.status !== 409) {
    meta.logger.error(`Unable to create Hubspot Contact for ${email} (event ${uuid}): HTTP ${created.status} ${typeof json.message === "string" ? json.message : ""}`.trim());
    return;
  }
  const id = /Existing ID: (\d+)/.exec(typeof json.message === "string" ? json.message : "")?.[1];
  if (!id) {
    meta.logger.error(`Hubspot Contact for ${email} already exists but its id is not in the answer (event ${uuid}); skipped`);
    return;
  }
  const updated = await fetchWithRetry(meta, withAuth(`${API}/${id}`, key), { method: "PATCH", headers, body }, key);
  if (updated.ok) meta.logger.log(`Updated Hubspot Contact ${id} for ${email}`);
  else meta.logger.error(`Unable to update Hubspot Contact ${id} for ${email} (event ${uuid}): HTTP ${updated.status}`);
}
