import { configFields, fieldType, type PluginManifest } from "@connectors/plugin-api";

/** One difference between the published plugin.json config and the PR's. */
export interface ConfigChange {
  key: string;
  kind: "removed" | "type-changed" | "became-required" | "added-required" | "choice-removed" | "added" | "secret-removed";
  breaking: boolean;
  message: string;
}

/**
 * Compares the config fields of the published manifest (base ref) with the PR's. Removing a key,
 * changing its type, removing a choice or adding a required field without a default breaks existing
 * installations. The registry's breaking-change classifier replaces this once it exists.
 *
 * @example
 * classifyConfigChanges(base, head).filter((change) => change.breaking)
 */
export function classifyConfigChanges(base: PluginManifest | undefined, head: PluginManifest): ConfigChange[] {
  if (!base) return [];
  const before = new Map(configFields(base).map((field) => [field.key, field]));
  const after = new Map(configFields(head).map((field) => [field.key, field]));
  const changes: ConfigChange[] = [];
  for (const [key, old] of before) {
    const now = after.get(key);
    if (!now) {
      changes.push({ key, kind: "removed", breaking: true, message: `config key "${key}" was removed; existing installations still send it` });
      continue;
    }
    if (fieldType(old) !== fieldType(now)) changes.push({ key, kind: "type-changed", breaking: true, message: `config key "${key}" changed type from ${fieldType(old)} to ${fieldType(now)}` });
    if (!old.required && now.required && now.default === undefined) changes.push({ key, kind: "became-required", breaking: true, message: `config key "${key}" became required without a default` });
    const removedChoices = (old.choices ?? []).filter((choice) => now.choices && !now.choices.includes(choice));
    if (removedChoices.length) changes.push({ key, kind: "choice-removed", breaking: true, message: `config key "${key}" lost choices ${removedChoices.map((c) => JSON.stringify(c)).join(", ")}` });
    if (old.secret && !now.secret) changes.push({ key, kind: "secret-removed", breaking: false, message: `config key "${key}" is no longer secret: stored values would be shown in the UI` });
  }
  for (const [key, now] of after) {
    if (before.has(key)) continue;
    const required = Boolean(now.required) && now.default === undefined;
    changes.push({ key, kind: required ? "added-required" : "added", breaking: required, message: required ? `new required config key "${key}" has no default; existing installations lack it` : `new config key "${key}"` });
  }
  return changes;
}
