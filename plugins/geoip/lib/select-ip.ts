import type { PluginEvent } from "@posthog/plugin-scaffold";

/** The loopback address used in local development, and the public address looked up instead. */
export const LOCAL_IP = "127.0.0.1";
export const LOCAL_IP_REPLACEMENT = "13.106.122.3";

/**
 * The IP to locate: `properties.$ip` if truthy, else `event.ip`, as a string (`127.0.0.1` replaced by a
 * fixed public address); null when there is none or `properties.$geoip_disable` is truthy.
 */
export function selectIp(event: PluginEvent): string | null {
  if (event.properties?.$geoip_disable) return null;
  const raw: unknown = event.properties?.$ip || event.ip;
  if (!raw) return null;
  const ip = String(raw);
  return ip === LOCAL_IP ? LOCAL_IP_REPLACEMENT : ip;
}
