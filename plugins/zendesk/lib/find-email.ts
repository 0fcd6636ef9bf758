import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

const EMAIL = /^[a-z0-9._%+'-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/;

/** True for a conventional `local@domain.tld` address (checked lower-cased). */
export function isEmail(value: unknown): value is string {
  return typeof value === "string" && EMAIL.test(value.toLowerCase());
}

/** The event's email: distinct_id, else `$set.email` (only if that is an email), else `properties.email`. */
export function findEmail(event: ProcessedPluginEvent): string | undefined {
  if (isEmail(event.distinct_id)) return event.distinct_id;
  const set = (event as { $set?: Record<string, unknown> }).$set ?? undefined;
  if (set && "email" in set) return isEmail(set.email) ? set.email : undefined;
  const properties = event.properties ?? {};
  if ("email" in properties) return isEmail(properties.email) ? properties.email : undefined;
  return undefined;
}

/** Splits a comma-separated config value, trimmed, empty entries dropped. */
export function splitList(value: string | undefined): string[] {
  return (value ?? "").split(",").map((item) => item.trim()).filter(Boolean);
}
