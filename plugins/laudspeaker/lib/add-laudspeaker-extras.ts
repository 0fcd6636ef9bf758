import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";

/** Attribute names configured for the `phEmail` / `phPhoneNumber` / `phCustom` message keys. */
export type AttributeNames = Partial<Record<"phEmail" | "phPhoneNumber" | "phCustom", string>>;

/** Laudspeaker's additions: `messageId` from `$insert_id`, `event` = the PostHog name, `ph*` attributes from `properties.$set`. */
export function addLaudspeakerExtras(message: Record<string, unknown>, event: ProcessedPluginEvent, names: AttributeNames): Record<string, unknown> {
  const properties = (event.properties ?? {}) as Record<string, unknown>;
  if (!("messageId" in message) && "$insert_id" in properties) message.messageId = properties.$insert_id;
  if (!("event" in message)) message.event = event.event;
  const $set = properties.$set as Record<string, unknown> | undefined;
  if ($set) {
    for (const key of ["phEmail", "phPhoneNumber", "phCustom"] as const) {
      const name = names[key];
      if (name) message[key] = typeof $set === "object" ? $set[name] : undefined;
    }
  }
  return message;
}
