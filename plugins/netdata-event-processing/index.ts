import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { processNetdataEvent } from "./lib/process-netdata-event.ts";

/** Marks setup as done, as the original did (nothing to configure). */
export function setupPlugin({ global }: PluginMeta): void {
  global.setupDone = true;
}

/** Classifies the event by Netdata source and adds the derived element, path and interaction properties. */
export function processEvent(event: PluginEvent): PluginEvent {
  processNetdataEvent(event);
  return event;
}
