import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

const BUILT_IN: Record<string, string> = {
  companyName: "company",
  company_name: "company",
  company: "company",
  lastName: "lastname",
  last_name: "lastname",
  lastname: "lastname",
  firstName: "firstname",
  first_name: "firstname",
  firstname: "firstname",
  phone_number: "phone",
  phoneNumber: "phone",
  phone: "phone",
  website: "website",
  domain: "website",
  company_website: "website",
  companyWebsite: "website",
};

/** Midnight UTC of a timestamp, as epoch milliseconds (HubSpot's date format); undefined when unparseable. */
export function toHubspotDate(timestamp: unknown): number | undefined {
  const ms = typeof timestamp === "string" || typeof timestamp === "number" ? new Date(timestamp).getTime() : Number.NaN;
  if (Number.isNaN(ms)) return undefined;
  const day = new Date(ms);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
}

/** HubSpot contact properties from `{...$set, ...properties}`: built-in mappings, then `posthogKey:hubspotKey` ones. */
export function mapProperties(event: ProcessedPluginEvent, additionalPropertyMappings: string | undefined): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...(event.$set ?? {}), ...(event.properties ?? {}) };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(merged)) {
    if (Object.hasOwn(BUILT_IN, key)) out[BUILT_IN[key]!] = value;
  }
  for (const item of (additionalPropertyMappings ?? "").split(",")) {
    const [posthogKey, hubspotKey] = item.split(":");
    if (!posthogKey || !hubspotKey) continue;
    if (posthogKey === "sent_at" || posthogKey === "created_at") {
      const date = toHubspotDate(event.timestamp);
      if (date !== undefined) out[hubspotKey] = date;
    } else if (Object.hasOwn(merged, posthogKey)) {
      out[hubspotKey] = merged[posthogKey];
    }
  }
  return out;
}
