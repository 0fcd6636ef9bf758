import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `$set` then `$set_once` (set_once wins), keys starting with `$` dropped. Event properties are not used. */
export function cleanAttributes(event: ProcessedPluginEvent): Record<string, unknown> {
  const properties = asObject(event.properties);
  const merged = { ...asObject(properties.$set ?? event.$set), ...asObject(properties.$set_once ?? event.$set_once) };
  return Object.fromEntries(Object.entries(merged).filter(([key]) => !key.startsWith("$")));
}

/**
 * Adds `device_token` / `device_platform` for an identify from an Android or iOS device. A missing
 * `$device_type` means "not a mobile device" (the original crashed on it).
 */
export function addDeviceAttributes(attributes: Record<string, unknown>, properties: Record<string, unknown>): void {
  const deviceType = typeof properties.$device_type === "string" ? properties.$device_type : "";
  if (!properties.$device_id || !["android", "ios"].includes(deviceType.toLowerCase())) return;
  attributes.device_token = properties.$device_id;
  attributes.device_platform = `${typeof properties.$os === "string" ? properties.$os : ""} ${deviceType}`;
}
