import type { PluginMeta } from "@posthog/plugin-scaffold";
import type { CohortSettings } from "./read-settings.ts";

export const REQUEST_TIMEOUT_MS = 10_000;

/** The cohort's name: the first `<property_name>` and the first `<property_value>` replaced. */
export function cohortName(convention: string, property: string, value: unknown): string {
  return convention.replace("<property_name>", () => property).replace("<property_value>", () => String(value));
}

/**
 * POSTs a dynamic cohort `<property> exactly <value>` to `<host>/api/cohort`.
 *
 * @throws Error('Failed to create cohort. Response status: <status>') on a non-2xx answer; network errors propagate
 */
export async function createCohort(meta: PluginMeta, settings: CohortSettings, property: string, value: unknown): Promise<void> {
  const body = {
    id: "new",
    groups: [{ properties: [{ key: property, value: [value], operator: "exact", type: "person" }] }],
    is_static: false,
    name: cohortName(settings.namingConvention, property, value),
  };
  const response = await meta.fetch(`${settings.host}/api/cohort`, { method: "POST", headers: settings.headers, body: JSON.stringify(body), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`Failed to create cohort. Response status: ${response.status}`);
}
