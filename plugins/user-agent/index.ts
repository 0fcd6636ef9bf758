import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { populateUserAgent, type PopulateOptions } from "./lib/populate-user-agent.ts";

type Meta = PluginMeta<{ overrideUserAgentDetails?: string; enableSegmentAnalyticsJs?: string }, PopulateOptions>;

/** Reads the two switches; only the exact text `true` turns one on. */
export function setupPlugin({ config, global }: Meta): void {
  global.segment = config.enableSegmentAnalyticsJs === "true";
  global.override = config.overrideUserAgentDetails === "true";
}

/** Adds `$browser`, `$browser_version`, `$os`, `$device`, `$device_type`, `$browser_type` from the user agent. */
export function processEvent(event: PluginEvent, { global, logger }: Meta): PluginEvent {
  if (event.properties) populateUserAgent(event.properties, global, logger);
  return event;
}
