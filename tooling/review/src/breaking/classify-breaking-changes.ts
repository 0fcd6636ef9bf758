import type { PluginManifest } from "@connectors/plugin-api";
import { classifyConfigChanges, type ConfigChange } from "./classify-config-changes.ts";

/**
 * The one place the review asks "what breaks existing installations?". Today it compares config
 * keys (base ref vs PR); it switches to `@connectors/registry`'s classifier once that package exports one.
 */
export function classifyBreakingChanges(base: PluginManifest | undefined, head: PluginManifest): ConfigChange[] {
  return classifyConfigChanges(base, head);
}
