import pluginSchema from "../../plugin.schema.json" with { type: "json" };
import { hasErrors, type Issue, type ValidationResult } from "../issues.ts";
import { getAjv } from "./ajv.ts";
import { humanizeAjvErrors } from "./humanize-ajv-errors.ts";
import { MANIFEST_RULES } from "./manifest-rules.ts";
import type { ConfigEntry, PluginManifest } from "./types.ts";

/** The JSON Schema (draft 2020-12) every plugin.json must match. */
export const PLUGIN_MANIFEST_SCHEMA = pluginSchema;

let validateSchema: ReturnType<ReturnType<typeof getAjv>["compile"]> | undefined;

function schemaIssues(raw: unknown): Issue[] {
  validateSchema ??= getAjv().compile(pluginSchema);
  if (validateSchema(raw)) return [];
  return humanizeAjvErrors(validateSchema.errors, { label: (path) => (path ? `"${path.slice(1)}"` : "plugin.json") }).map(
    // An unknown top-level field only warns: real-world plugin.json files carry extra fields.
    (issue) => (isUnknownTopLevelField(issue) ? { ...issue, severity: "warning" } : issue),
  );
}

function isUnknownTopLevelField(issue: Issue): boolean {
  return issue.message.endsWith("is not a known field") && issue.path.split("/").length === 2;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** plugin.json may give `config` as an object keyed by field key; turn it into the array form. */
function normalizeConfig(config: unknown): ConfigEntry[] | undefined {
  if (config === undefined || Array.isArray(config)) return config as ConfigEntry[] | undefined;
  return Object.entries(config as Record<string, ConfigEntry>)
    .map(([key, entry]) => ({ ...entry, key: entry.key ?? key }) as ConfigEntry)
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

/**
 * Validates a parsed plugin.json against the manifest schema and the semantic rules (unique keys,
 * choices, conditions naming real fields, ...). Returns every issue, never throws.
 *
 * @example
 * const result = validateManifest(JSON.parse(text));
 * if (!result.ok) console.error(formatIssues(result.issues, "plugin.json"));
 */
export function validateManifest(raw: unknown): ValidationResult<PluginManifest> {
  const normalized = isPlainObject(raw) && isPlainObject(raw.config) ? { ...raw, config: normalizeConfig(raw.config) } : raw;
  const issues = schemaIssues(normalized);
  if (hasErrors(issues)) return { ok: false, issues };
  const manifest = normalized as PluginManifest;
  issues.push(...MANIFEST_RULES.flatMap((rule) => rule(manifest)));
  return hasErrors(issues) ? { ok: false, issues } : { ok: true, value: manifest, issues };
}
