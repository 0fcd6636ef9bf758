import { RetryError } from "@posthog/plugin-scaffold";
import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { buildContacts } from "./lib/build-contacts.ts";
import { NetworkError, fetchWithRetry } from "./lib/fetch-with-retry.ts";
import { parseCustomFields, resolveFieldIds } from "./lib/parse-custom-fields.ts";

type Meta = PluginMeta<{ sendgridApiKey: string; customFields?: string }, { customFieldsMap: Record<string, string> }>;

const API = "https://api.sendgrid.com/v3/marketing";

/**
 * Checks the key by loading Sendgrid's field definitions and resolves the custom field names to ids.
 *
 * @throws Error('Unable to connect to Sendgrid'), Error('Invalid format for custom fields') or an unknown-field Error
 */
export async function setupPlugin(meta: Meta): Promise<void> {
  const response = await fetchWithRetry(meta, `${API}/field_definitions`, { method: "GET", headers: { Authorization: `Bearer ${meta.config.sendgridApiKey}` } });
  if (!response.ok) throw new Error("Unable to connect to Sendgrid");
  const definitions = ((await response.json()) as { custom_fields?: Array<{ id: string; name: string }> }).custom_fields ?? [];
  meta.global.customFieldsMap = resolveFieldIds(parseCustomFields(meta.config.customFields, meta.logger), definitions);
}

/**
 * Upserts one contact per `$identify` event with an email, in one PUT.
 *
 * @throws RetryError on 429/5xx and repeated network failures; Error on other non-2xx answers
 */
export async function exportEvents(events: ProcessedPluginEvent[], meta: Meta): Promise<void> {
  const contacts = buildContacts(events, meta.global.customFieldsMap);
  if (contacts.length === 0) return;
  let response: Response;
  try {
    response = await fetchWithRetry(meta, `${API}/contacts`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${meta.config.sendgridApiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ contacts }),
    });
  } catch (error) {
    if (error instanceof NetworkError) throw new RetryError(error.message);
    throw error;
  }
  if (response.ok) return;
  meta.logger.error(`Sendgrid answered HTTP ${response.status}: ${(await response.text().catch(() => "")).slice(0, 500)}`);
  const message = `Unable to export ${contacts.length} contacts to Sendgrid`;
  if (response.status === 429 || response.status >= 500) throw new RetryError(message);
  throw new Error(message);
}
