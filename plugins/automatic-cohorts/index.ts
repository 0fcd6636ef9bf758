import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { createCohort } from "./lib/create-cohort.ts";
import { findTrackedProperty } from "./lib/find-tracked-property.ts";
import { readSettings, type CohortConfig, type CohortSettings } from "./lib/read-settings.ts";

type Meta = PluginMeta<CohortConfig, { settings: CohortSettings }>;

/** Warns about the deprecation and checks the config. @throws Error when the naming convention lacks `<property_value>` */
export function setupPlugin(meta: Meta): void {
  meta.logger.warn("This plugin is deprecated! Please move to using group analytics instead. https://posthog.com/docs/user-guides/group-analytics");
  meta.global.settings = readSettings(meta.config);
}

/**
 * Creates a cohort for the event's first tracked person property value not seen before (storage `<property>_<value>`).
 *
 * @throws Error('Failed to create cohort. Response status: <status>') on a non-2xx answer (the next event with that value tries again)
 */
export async function onEvent(event: ProcessedPluginEvent, meta: Meta): Promise<void> {
  if (!event.properties && !event.$set && !event.$set_once) return;
  const found = findTrackedProperty(event, meta.global.settings.tracked);
  if (!found) return;
  const [property, value] = found;
  const key = `${property}_${String(value)}`;
  if (await meta.storage.get(key, false)) return;
  try {
    await createCohort(meta, meta.global.settings, property, value);
  } catch (error) {
    meta.logger.error(`Cohort for ${property}=${String(value)} not created (event ${event.uuid}): ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  await meta.storage.set(key, true);
}
