import type { Logger, Properties } from "@posthog/plugin-scaffold";
import { parseUserAgent } from "./parse-user-agent.ts";
import { selectUserAgent } from "./select-user-agent.ts";

const DETAIL_KEYS = ["$browser", "$browser_version", "$os", "$device", "$device_type"];

/** Options read from the config at setup. */
export interface PopulateOptions {
  segment: boolean;
  override: boolean;
}

/** Fills the browser, OS and device properties from the user agent (rules 2-6 of the spec), warning when it cannot. */
export function populateUserAgent(properties: Properties, options: PopulateOptions, logger: Logger): void {
  const source = selectUserAgent(properties, options.segment);
  if ("warning" in source) return logger.warn(source.warning);
  if (!source.ua) return logger.warn("UserAgentPlugin.processEvent(): $useragent is empty");
  const details = parseUserAgent(source.ua);
  if (!details) return logger.warn("UserAgentPlugin.processEvent(): the user agent was not recognised, no browser details added");
  if (!options.override && DETAIL_KEYS.some((key) => Object.prototype.hasOwnProperty.call(properties, key))) {
    return logger.warn(
      "UserAgentPlugin.processEvent(): The event has $browser, $browser_version, $os, $device, or $device_type but the option 'overrideUserAgentDetails' is not enabled.",
    );
  }
  Object.assign(properties, details);
}
