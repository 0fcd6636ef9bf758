import { conditionToSchema, describeCondition } from "./conditions.ts";
import { configFields, fieldType, type Condition, type ConfigField, type PluginManifest } from "./types.ts";

/** A JSON Schema object (draft 2020-12). */
export type JsonSchema = Record<string, unknown>;

function valueSchema(field: ConfigField): JsonSchema {
  switch (fieldType(field)) {
    case "choice":
      return { type: "string", enum: field.required ? [...(field.choices ?? [])] : [...(field.choices ?? []), ""] };
    case "json":
      return { type: "string", format: "json-text" };
    case "dictionary":
      return { type: "object", additionalProperties: { type: "string" } };
    case "attachment":
      return { type: "object", required: ["file_name"], description: "an uploaded file (meta.attachments)" };
    default:
      return { type: "string" };
  }
}

function annotations(field: ConfigField): JsonSchema {
  const out: JsonSchema = {};
  if (field.name) out.title = field.name;
  if (field.hint) out.description = field.hint;
  if (field.default !== undefined && !field.secret) out.default = field.default;
  if (field.secret) out.writeOnly = true;
  return out;
}

/** The conditions under which a field is required, or undefined when it never is conditionally. */
function requirementCondition(field: ConfigField): Condition | undefined {
  const base = field.required_if ?? (field.required ? [] : undefined);
  if (!base) return undefined;
  const unique = new Map([...base, ...(field.visible_if ?? [])].map((pair) => [JSON.stringify(pair), pair]));
  return unique.size ? [...unique.values()] : undefined;
}

function mustHaveValue(field: ConfigField, because?: string): JsonSchema {
  const nonEmpty: JsonSchema = { not: { enum: ["", null] } };
  if (because) nonEmpty.description = because;
  const schema: JsonSchema = { required: [field.key], properties: { [field.key]: nonEmpty } };
  if (because) schema.description = because;
  return schema;
}

function conditionalRequirement(field: ConfigField): JsonSchema[] {
  const condition = requirementCondition(field);
  if (!condition) return [];
  const because = `required when ${describeCondition(condition)}`;
  return [{ if: conditionToSchema(condition), then: mustHaveValue(field, because) }];
}

/**
 * Derives the JSON Schema of a connector's config from its plugin.json `config` entries: one
 * property per field (strings, choices as enums, json as JSON text, dictionaries as string maps,
 * attachments as uploaded files), `required` fields, `required_if` / `visible_if` as if/then rules
 * (a field hidden by `visible_if` is never required), defaults and secrets as annotations
 * (`default`, `writeOnly`). Unknown keys are rejected.
 *
 * @example
 * buildConfigSchema({ name: "x", config: [{ key: "name", type: "string", required: true }] })
 * // { type: "object", properties: { name: { type: "string" } }, allOf: [...], additionalProperties: false }
 */
export function buildConfigSchema(manifest: Pick<PluginManifest, "config">): JsonSchema {
  const fields = configFields(manifest);
  const properties = Object.fromEntries(fields.map((field) => [field.key, { ...valueSchema(field), ...annotations(field) }]));
  const alwaysRequired = fields.filter((f) => f.required && !f.required_if && !f.visible_if);
  const schema: JsonSchema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    properties,
  };
  const rules = [
    ...alwaysRequired.map((field) => mustHaveValue(field)),
    ...fields.filter((f) => !alwaysRequired.includes(f)).flatMap(conditionalRequirement),
  ];
  if (rules.length) schema.allOf = rules;
  return schema;
}
