import type { Properties } from "@posthog/plugin-scaffold";

const UA_KEYS = ["$useragent", "$user-agent", "$user_agent"] as const;

/** Where the user agent was found: the text, or a warning saying why there is none. */
export type UserAgentSource = { ua: string } | { warning: string };

/**
 * Picks the user agent. Segment mode reads `segment_userAgent` (nothing removed); otherwise the
 * first truthy of `$useragent`, `$user-agent`, `$user_agent`, and all three keys are deleted.
 */
export function selectUserAgent(properties: Properties, segment: boolean): UserAgentSource {
  const has = (key: string) => Object.prototype.hasOwnProperty.call(properties, key);
  if (segment) {
    if (!has("segment_userAgent")) return { warning: "UserAgentPlugin.processEvent(): Event is missing segment_userAgent" };
    return { ua: `${properties.segment_userAgent}` };
  }
  if (!UA_KEYS.some(has)) return { warning: "UserAgentPlugin.processEvent(): Event is missing $useragent or $user-agent" };
  const found = UA_KEYS.map((key) => properties[key]).find(Boolean);
  for (const key of UA_KEYS) delete properties[key];
  return { ua: found ? `${found}` : "" };
}
