import type { PluginEvent, StorageExtension } from "@posthog/plugin-scaffold";

/**
 * Sets `is_first_event_ever` / `is_first_event_for_user` from storage and remembers the event
 * (`<event>` and `<event>_<distinct_id>` = true). Writes only when the user had not been seen.
 */
export async function flagFirstEvents(event: PluginEvent, storage: StorageExtension): Promise<void> {
  const everKey = event.event;
  const userKey = `${event.event}_${event.distinct_id}`;
  const seenEver = await storage.get(everKey, null);
  const seenForUser = await storage.get(userKey, null);
  event.properties ??= {};
  event.properties.is_first_event_ever = !seenEver;
  event.properties.is_first_event_for_user = !seenForUser;
  if (seenForUser) return;
  await storage.set(userKey, true);
  if (!seenEver) await storage.set(everKey, true);
}
