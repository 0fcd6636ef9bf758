import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";

type Meta = PluginMeta<{ name?: string }>;

/** Adds `properties.hello = "Hello <name>"` ("Hello world" without a name); events without properties pass through. */
export function processEvent(event: PluginEvent, { config }: Meta): PluginEvent {
  if (!event.properties) return event;
  event.properties.hello = `Hello ${config.name || "world"}`;
  return event;
}
