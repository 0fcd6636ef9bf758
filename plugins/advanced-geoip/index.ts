import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { discardGeoip } from "./lib/discard-geoip.ts";
import { geoipSucceeded } from "./lib/geoip-succeeded.ts";
import { parseLibs } from "./lib/parse-libs.ts";

type Meta = PluginMeta<{ discardIp?: string; discardLibs?: string }>;

/** Removes GeoIP data for listed `$lib`s; with `discardIp: "true"` removes the IP once GeoIP has run. Never drops the event. */
export function processEvent(event: PluginEvent, { config, logger }: Meta): PluginEvent {
  const id = event.uuid || event.event;
  const libs = parseLibs(config.discardLibs);
  logger.info(`Begin processing ${id}.`);
  const lib: unknown = event.properties?.$lib;
  if (libs.length && lib && libs.includes(String(lib).trim().toLowerCase())) {
    logger.info(`Discarding GeoIP properties from ${id} as event comes from ignored $lib: ${String(lib)}.`);
    discardGeoip(event);
  }
  if (config.discardIp === "true") {
    if (geoipSucceeded(event.properties?.$plugins_succeeded)) {
      if (event.properties) delete event.properties.$ip;
      event.ip = null;
      logger.info(`IP discarded for event ${id}.`);
    } else {
      logger.warn(`Could not discard IP for event ${id} as GeoIP has not been processed.`);
    }
  }
  logger.info(`Finished processing ${id}.`);
  return event;
}
