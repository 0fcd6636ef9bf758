import pluginSchema from "../../plugin.schema.json" with { type: "json" };
import { hasErrors, type Issue, type ValidationResult } from "../issues.ts";
import { getAjv } from "./ajv.ts";
import { humanizeAjvErrors } from "./humanize-ajv-errors.ts";
import { isToleratedSchemaIssue, normalizeLegacyManifest, toleratedIssue, type ManifestStrictness } from "./legacy-leniency.ts";
import { LEGACY_TOLERATED_RULES, MANIFEST_RULES } from "./manifest-rules.ts";
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

/** Options of {@link validateManifest}. */
export interface ValidateManifestOptions {
  /** `official` (default) for the catalog; `legacy` for a third-party connector being run or installed. */
  strictness?: ManifestStrictness;
}

/**
 * Validates a parsed plugin.json against the manifest schema and the semantic rules (unique keys,
 * choices, conditions naming real fields, ...). Returns every issue, never throws. With
 * `strictness: "legacy"` the quirks PostHog accepted are normalised and reported as warnings.
 *
 * @example
 * const result = validateManifest(JSON.parse(text));
 * if (!result.ok) console.error(formatIssues(result.issues, "plugin.json"));
 */
export function validateManifest(raw: unknown, options: ValidateManifestOptions = {}): ValidationResult<PluginManifest> {
  const legacy = options.strictness === "legacy";
  const lenient = legacy ? normalizeLegacyManifest(raw) : { manifest: raw, issues: [] };
  const input = lenient.manifest;
  const normalized = isPlainObject(input) && isPlainObject(input.config) ? { ...input, config: normalizeConfig(input.config) } : input;
  const issues = [...lenient.issues, ...schemaIssues(normalized).map((issue) => (legacy && isToleratedSchemaIssue(issue, normalized) ? toleratedIssue(issue) : issue))];
  if (hasErrors(issues)) return { ok: false, issues };
  const manifest = normalized as PluginManifest;
  for (const rule of MANIFEST_RULES) {
    const found = rule(manifest);
    issues.push(...(legacy && LEGACY_TOLERATED_RULES.has(rule) ? found.map(toleratedIssue) : found));
  }
  return hasErrors(issues) ? { ok: false, issues } : { ok: true, value: manifest, issues };
}
