import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { applyEventLocation, applyPersonLocation } from "./lib/apply-location.ts";
import { buildLocation } from "./lib/build-location.ts";
import { NO_GEOIP_MESSAGE } from "./lib/no-geoip-message.ts";
import { selectIp } from "./lib/select-ip.ts";
import { rememberPerson, shouldSetPerson } from "./lib/should-set-person.ts";

/** Adds `$geoip_*` properties from the event's IP and, once per IP change, `$set` / `$set_once` person properties. */
export async function processEvent(event: PluginEvent, { geoip, cache }: PluginMeta): Promise<PluginEvent> {
  if (!geoip) throw new Error(NO_GEOIP_MESSAGE);
  const ip = selectIp(event);
  if (!ip) return event;
  const response = await geoip.locate(ip);
  if (!response) return event;
  const location = buildLocation(response);
  applyEventLocation(event, location);
  if (await shouldSetPerson(event, ip, cache)) {
    applyPersonLocation(event, location);
    await rememberPerson(event, ip, cache);
  }
  return event;
}
