import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { flattenVersion } from "./lib/flatten-version.ts";
import { parseTargets } from "./lib/parse-targets.ts";

type Meta = PluginMeta<{ properties?: string }>;

/** For every configured property holding a version, adds `<name>__major`, `__minor`, `__patch`, `__preRelease`, `__build`. Never drops the event. */
export function processEvent(event: PluginEvent, { config, logger }: Meta): PluginEvent {
  if (!event.properties) return event;
  for (const target of parseTargets(config.properties)) {
    if (flattenVersion(event.properties, target)) logger.debug("found candidate property:", target, "matches", event.properties[target]);
  }
  return event;
}
