import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isEmail(value: unknown): value is string {
  return typeof value === "string" && EMAIL.test(value);
}

/**
 * The email address of an event's person, for CRM connectors: the distinct id when it looks like an email
 * (`x@y.z`, no spaces); else `$set.email` if that key is there (an invalid value ends the search: no email);
 * else `properties.email` likewise; else undefined.
 */
export function findEmail(event: ProcessedPluginEvent): string | undefined {
  if (isEmail(event.distinct_id)) return event.distinct_id;
  const $set = event.$set as Record<string, unknown> | undefined;
  if ($set && "email" in $set) return isEmail($set.email) ? $set.email : undefined;
  const properties = event.properties as Record<string, unknown> | undefined;
  if (properties && "email" in properties) return isEmail(properties.email) ? properties.email : undefined;
  return undefined;
}
