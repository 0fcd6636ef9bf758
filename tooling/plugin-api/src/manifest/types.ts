export type ConfigFieldType = "string" | "choice" | "json" | "attachment" | "dictionary";

/** `[fieldKey]` matches a non-empty field; `[fieldKey, value]` matches that exact value ("" matches unset). */
export type ConditionPair = [string] | [string, string | null];

/** `required_if` / `visible_if`: every pair must match. */
export type Condition = ConditionPair[];

/** A config field of plugin.json. */
export interface ConfigField {
  key: string;
  name?: string;
  type?: ConfigFieldType;
  default?: unknown;
  required?: boolean;
  secret?: boolean;
  hint?: string;
  markdown?: string;
  description?: string;
  choices?: string[];
  required_if?: Condition;
  visible_if?: Condition;
  order?: number;
  templating?: boolean;
  /** This repository's marker: the value names a host the connector calls (joins the egress allow-list). */
  format?: "url" | "hostname";
}

/** A markdown-only config entry: text shown in the config form, no value. */
export interface MarkdownEntry {
  key?: undefined;
  markdown: string;
  name?: string;
  order?: number;
}

export type ConfigEntry = ConfigField | MarkdownEntry;

export type JobPayloadFieldType = "string" | "boolean" | "json" | "number" | "date" | "daterange";

export interface JobPayloadField {
  type: JobPayloadFieldType;
  title?: string;
  required?: boolean;
  default?: unknown;
  staff_only?: boolean;
}

export type Maintainer = string | { name: string; email?: string; url?: string };

/** A validated plugin.json, with `config` normalised to an array. */
export interface PluginManifest {
  $schema?: string;
  name: string;
  url?: string;
  description?: string;
  main?: string;
  icon?: string;
  posthogVersion?: string;
  stateless?: boolean;
  publicJobs?: Record<string, { payload?: Record<string, JobPayloadField> }>;
  config?: ConfigEntry[];
  allowedHosts?: string[];
  maintainer?: Maintainer;
  categories?: string[];
  /** Lifecycle stage (default: beta before 1.0.0, stable from 1.0.0). */
  status?: ConnectorStatus;
  /** Required with `status: "deprecated"`: since when, and the slug to use instead. */
  deprecation?: Deprecation;
}

/** A connector's lifecycle stage in the catalog. */
export type ConnectorStatus = "alpha" | "beta" | "stable" | "deprecated";

/** Since when a connector is deprecated, and what replaces it. */
export interface Deprecation {
  /** YYYY-MM-DD. */
  date: string;
  /** Slug of the connector to use instead. */
  replacement: string;
  reason?: string;
}

/** True for an entry that holds a value (not a markdown-only block). */
export function isConfigField(entry: ConfigEntry): entry is ConfigField {
  return typeof entry.key === "string";
}

/** The value-holding fields of a manifest, markdown entries left out. */
export function configFields(manifest: Pick<PluginManifest, "config">): ConfigField[] {
  return (manifest.config ?? []).filter(isConfigField);
}

/** The field's type, `string` when plugin.json leaves it out (as PostHog's UI does). */
export function fieldType(field: ConfigField): ConfigFieldType {
  return field.type ?? "string";
}
