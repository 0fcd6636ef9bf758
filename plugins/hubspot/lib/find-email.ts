import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** True for a string that looks like an email address. */
export function isEmail(value: unknown): value is string {
  return typeof value === "string" && EMAIL.test(value);
}

/**
 * The event's email: a valid-email distinct id; else `$set.email` if valid (an invalid one ends the
 * search); else `properties.email` if valid; else undefined.
 */
export function findEmail(event: ProcessedPluginEvent): string | undefined {
  if (isEmail(event.distinct_id)) return event.distinct_id;
  const $set = event.$set as Record<string, unknown> | undefined;
  if ($set && "email" in $set) return isEmail($set.email) ? $set.email : undefined;
  const properties = event.properties as Record<string, unknown> | undefined;
  if (properties && "email" in properties) return isEmail(properties.email) ? properties.email : undefined;
  return undefined;
}
