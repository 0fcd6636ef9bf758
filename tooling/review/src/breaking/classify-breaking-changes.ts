import { buildConfigSchema, configFields, type PluginManifest } from "@connectors/plugin-api";
import { classifyConfigChanges as classifyRegistryChanges } from "@connectors/registry-client";
import type { ConfigChange } from "./classify-config-changes.ts";

/** Secret flags are not part of the config JSON Schema, so the registry does not see them. */
function secretFlagChanges(base: PluginManifest, head: PluginManifest): ConfigChange[] {
  const now = new Map(configFields(head).map((field) => [field.key, field]));
  return configFields(base)
    .filter((field) => field.secret && now.has(field.key) && !now.get(field.key)!.secret)
    .map((field) => ({ key: field.key, kind: "secret-removed", breaking: false, message: `config key "${field.key}" is no longer secret: stored values would be shown in the UI` }));
}

/**
 * The one place the review asks "what breaks existing installations?": the registry's classifier
 * (`@connectors/registry-client`, the same one the catalog build uses) on the config schemas of the base
 * ref and the PR, plus secret flags. `major` impact = breaking.
 *
 * @example
 * classifyBreakingChanges(base, head).filter((change) => change.breaking)
 */
export function classifyBreakingChanges(base: PluginManifest | undefined, head: PluginManifest): ConfigChange[] {
  if (!base) return [];
  const changes = classifyRegistryChanges(buildConfigSchema(base), buildConfigSchema(head)).map((change) => ({
    key: change.key ?? "",
    kind: change.kind,
    breaking: change.impact === "major",
    message: change.message,
  }));
  return [...changes, ...secretFlagChanges(base, head)];
}
