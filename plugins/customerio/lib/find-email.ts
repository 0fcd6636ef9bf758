import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}|\[(?:\d{1,3}\.){3}\d{1,3}\])$/i;

/** True for a conventional `local@domain.tld` address (TLD of 2+ letters) or one with a bracketed IPv4 domain. */
export function isEmail(value: unknown): value is string {
  return typeof value === "string" && EMAIL.test(value);
}

/** The event's email: a valid `$set.email`, else a valid-email distinct id, else undefined. */
export function findEmail(event: ProcessedPluginEvent): string | undefined {
  const $set = event.$set;
  const fromSet = $set && typeof $set === "object" ? ($set as Record<string, unknown>).email : undefined;
  if (isEmail(fromSet)) return fromSet;
  return isEmail(event.distinct_id) ? event.distinct_id : undefined;
}
