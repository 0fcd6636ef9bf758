import type { PluginEvent } from "@posthog/plugin-scaffold";

// A conventional address: plain or quoted local part, then a bracketed IPv4 literal or labels ending in a 2+ letter TLD.
const EMAIL = /^(([^<>()[\]\\.,;:\s@"]+(\.[^<>()[\]\\.,;:\s@"]+)*)|(".+"))@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\])|(([a-zA-Z\-0-9]+\.)+[a-zA-Z]{2,}))$/;

/** The email to score: `distinct_id` when it looks like one, else the top-level `$set.email`, else undefined. */
export function findEmail(event: PluginEvent): unknown {
  if (EMAIL.test(String(event.distinct_id).toLowerCase())) return event.distinct_id;
  const $set = event.$set;
  if ($set && typeof $set === "object" && Object.prototype.hasOwnProperty.call($set, "email")) return $set.email;
  return undefined;
}
