import { errorIssue, warningIssue, type Issue } from "../issues.ts";
import { DANGEROUS_KEYS } from "./legacy-leniency.ts";
import { isConfigField, type ConfigEntry, type ConfigField, type PluginManifest } from "./types.ts";

/** A semantic check of a schema-valid manifest; returns the issues it finds. */
export type ManifestRule = (manifest: PluginManifest) => Issue[];

function eachField(manifest: PluginManifest, check: (field: ConfigField, index: number) => Issue[]): Issue[] {
  return (manifest.config ?? []).flatMap((entry: ConfigEntry, index) => (isConfigField(entry) ? check(entry, index) : []));
}

const uniqueConfigKeys: ManifestRule = (manifest) => {
  const seen = new Map<string, number>();
  return eachField(manifest, (field, index) => {
    const first = seen.get(field.key);
    if (first === undefined) {
      seen.set(field.key, index);
      return [];
    }
    return [errorIssue(`/config/${index}/key`, `config key "${field.key}" is used twice (first at /config/${first})`, "give each field its own key")];
  });
};

const choiceFieldsHaveChoices: ManifestRule = (manifest) =>
  eachField(manifest, (field, index) => {
    if (field.type === "choice" && !field.choices) {
      return [errorIssue(`/config/${index}/choices`, `choice field "${field.key}" has no "choices"`, `add "choices": ["first option", "second option"]`)];
    }
    if (field.type !== "choice" && field.choices) {
      return [warningIssue(`/config/${index}/choices`, `"choices" is ignored on a field of type "${field.type ?? "string"}"`, `set "type": "choice" or remove "choices"`)];
    }
    return [];
  });

const choiceDefaultIsAChoice: ManifestRule = (manifest) =>
  eachField(manifest, (field, index) => {
    if (field.type !== "choice" || !field.choices || field.default === undefined) return [];
    if (field.choices.includes(field.default as string)) return [];
    const shown = field.secret ? "" : ` ${JSON.stringify(field.default)}`;
    return [errorIssue(`/config/${index}/default`, `default${shown} of "${field.key}" is not one of its choices`, `use one of ${field.choices.map((c) => JSON.stringify(c)).join(", ")}`)];
  });

const choiceFieldsAreNotSecret: ManifestRule = (manifest) =>
  eachField(manifest, (field, index) =>
    field.type === "choice" && field.secret
      ? [errorIssue(`/config/${index}/secret`, `choice field "${field.key}" cannot be secret (PostHog's form cannot hide a choice)`, `remove "secret": true or make it a string field`)]
      : [],
  );

const conditionsNameKnownFields: ManifestRule = (manifest) => {
  const keys = new Set(eachField(manifest, (field) => [{ path: field.key } as Issue]).map((i) => i.path));
  return eachField(manifest, (field, index) =>
    (["required_if", "visible_if"] as const).flatMap((kind) =>
      (field[kind] ?? []).flatMap(([key], pair) =>
        keys.has(key) ? [] : [errorIssue(`/config/${index}/${kind}/${pair}/0`, `"${field.key}" ${kind} refers to an unknown field "${key}"`, `use one of the config keys: ${[...keys].join(", ")}`)],
      ),
    ),
  );
};

const statelessHasNoConfig: ManifestRule = (manifest) =>
  manifest.stateless && (manifest.config ?? []).some(isConfigField)
    ? [errorIssue("/stateless", "a stateless connector cannot have config fields (one instance serves every project)", `remove "stateless": true or remove the config fields`)]
    : [];

const defaultMatchesType: ManifestRule = (manifest) =>
  eachField(manifest, (field, index) => {
    if (field.default === undefined) return [];
    const wantsObject = field.type === "dictionary";
    const isObject = typeof field.default === "object" && field.default !== null && !Array.isArray(field.default);
    if (field.type === "attachment") {
      return [warningIssue(`/config/${index}/default`, `attachment field "${field.key}" cannot have a default`, "remove the default")];
    }
    if (wantsObject ? isObject : typeof field.default === "string") return [];
    return [warningIssue(`/config/${index}/default`, `default of "${field.key}" should be ${wantsObject ? "an object" : "a string"} (PostHog stores config values as strings)`, wantsObject ? undefined : `write it as "${String(field.default)}"`)];
  });

const secretFieldsHaveNoDefault: ManifestRule = (manifest) =>
  eachField(manifest, (field, index) =>
    field.secret && typeof field.default === "string" && field.default !== ""
      ? [errorIssue(`/config/${index}/default`, `secret field "${field.key}" has a non-empty default, which would publish a secret`, "remove the default")]
      : [],
  );

const keysAreSafe: ManifestRule = (manifest) =>
  eachField(manifest, (field, index) =>
    DANGEROUS_KEYS.has(field.key)
      ? [errorIssue(`/config/${index}/key`, `config key "${field.key}" would reach Object.prototype through config["${field.key}"]`, "rename the field")]
      : [],
  );

const deprecationMatchesStatus: ManifestRule = (manifest) => {
  if (manifest.status === "deprecated" && !manifest.deprecation) {
    return [errorIssue("/deprecation", '"status": "deprecated" needs a "deprecation"', 'add "deprecation": { "date": "YYYY-MM-DD", "replacement": "<slug to use instead>" }')];
  }
  if (manifest.deprecation && manifest.status !== "deprecated") {
    return [errorIssue("/status", `"deprecation" is set but "status" is ${JSON.stringify(manifest.status ?? "unset")}`, 'set "status": "deprecated", or remove "deprecation"')];
  }
  return [];
};

/** Every semantic rule, run after the schema passes. */
export const MANIFEST_RULES: readonly ManifestRule[] = [
  keysAreSafe,
  uniqueConfigKeys,
  choiceFieldsHaveChoices,
  choiceDefaultIsAChoice,
  choiceFieldsAreNotSecret,
  conditionsNameKnownFields,
  statelessHasNoConfig,
  defaultMatchesType,
  secretFieldsHaveNoDefault,
  deprecationMatchesStatus,
];

/** The rules whose findings PostHog accepted: warnings when a third-party connector is run or installed. */
export const LEGACY_TOLERATED_RULES: ReadonlySet<ManifestRule> = new Set([
  uniqueConfigKeys,
  choiceDefaultIsAChoice,
  choiceFieldsAreNotSecret,
  conditionsNameKnownFields,
  secretFieldsHaveNoDefault,
]);
