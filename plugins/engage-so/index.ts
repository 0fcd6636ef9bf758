import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { buildEventBody } from "./lib/build-event-body.ts";
import { buildUserBody } from "./lib/build-user-body.ts";
import { addDeviceAttributes, cleanAttributes } from "./lib/clean-attributes.ts";
import { isSent } from "./lib/is-sent.ts";
import { sendToEngage } from "./lib/send-to-engage.ts";

type Meta = PluginMeta<{ publicKey: string; secret: string }>;

const API = "https://api.engage.so/v1/users";

/**
 * `$identify` -> `PUT /v1/users/<id>` (user upsert); a custom event -> `POST /v1/users/<id>/events`.
 * Never throws: failures are logged with the event's uuid.
 */
export async function onEvent(event: ProcessedPluginEvent, meta: Meta): Promise<void> {
  if (!isSent(event.event)) return;
  if (typeof event.distinct_id !== "string" || event.distinct_id === "") {
    meta.logger.warn(`Event ${event.uuid} (${event.event}) has no distinct_id; not sent to Engage`);
    return;
  }
  const attributes = cleanAttributes(event);
  const user = `${API}/${encodeURIComponent(event.distinct_id)}`;
  if (event.event === "$identify") {
    addDeviceAttributes(attributes, event.properties ?? {});
    await sendToEngage(meta, "PUT", user, buildUserBody(attributes), event.uuid);
  } else {
    await sendToEngage(meta, "POST", `${user}/events`, buildEventBody(event.event, attributes), event.uuid);
  }
}
