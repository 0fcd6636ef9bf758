/** The connector's config as plugin.json declares it. */
export interface CohortConfig {
  propertiesToTrack: string;
  posthogHost?: string;
  posthogApiKey: string;
  namingConvention: string;
}

/** What setup derives from the config. */
export interface CohortSettings {
  host: string;
  headers: Record<string, string>;
  tracked: Set<string>;
  namingConvention: string;
}

export const DEFAULT_HOST = "https://app.posthog.com";

/** `posthogHost` as a base URL: kept when it starts with http(s)://, else `https://` is prepended; trailing `/` removed. */
export function normalizeHost(raw: string | undefined): string {
  const value = (raw ?? "").trim() || DEFAULT_HOST;
  return (/^https?:\/\//i.test(value) ? value : `https://${value}`).replace(/\/+$/, "");
}

/** @throws Error('Invalid naming convention! Make sure to include <property_value>.') */
export function readSettings(config: CohortConfig): CohortSettings {
  if (!config.namingConvention?.includes("<property_value>")) throw new Error("Invalid naming convention! Make sure to include <property_value>.");
  return {
    host: normalizeHost(config.posthogHost),
    headers: { Authorization: `Bearer ${config.posthogApiKey}`, "Content-Type": "application/json" },
    tracked: new Set(config.propertiesToTrack.split(",")),
    namingConvention: config.namingConvention,
  };
}
