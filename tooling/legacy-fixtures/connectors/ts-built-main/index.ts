import { PluginEvent, PluginInput, PluginMeta } from "@posthog/plugin-scaffold";

function trimPath(path: string): string {
  return path.replace(/\/+$/, "") || "/";
}

export function processEvent(event: PluginEvent, meta: PluginMeta<PluginInput>) {
  if (event?.properties?.$pathname) {
    event.properties.$pathname = trimPath(event.properties.$pathname);
  }
  return event;
}
