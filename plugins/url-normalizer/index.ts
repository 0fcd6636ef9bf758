import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { normalizeUrl } from "./lib/normalize-url.ts";

/** Replaces a truthy `properties.$current_url` with its normalised form; throws on an invalid URL (the event then continues unchanged). */
export function processEvent(event: PluginEvent, { logger }: PluginMeta): PluginEvent {
  const original: unknown = event.properties?.$current_url;
  if (!event.properties || !original) return event;
  const normalized = normalizeUrl(original);
  event.properties.$current_url = normalized;
  logger.debug(`event.$current_url: "${String(original)}" normalized to "${normalized}"`);
  return event;
}
