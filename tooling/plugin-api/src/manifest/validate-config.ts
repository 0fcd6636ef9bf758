import { errorIssue, hasErrors, type Issue, type ValidationResult } from "../issues.ts";
import { getAjv } from "./ajv.ts";
import { buildConfigSchema } from "./config-schema.ts";
import { typeOf } from "./describe-value.ts";
import { hostPatternIssues } from "./host-pattern-issues.ts";
import { humanizeAjvErrors } from "./humanize-ajv-errors.ts";
import { configFields, fieldType, type PluginManifest } from "./types.ts";

type ConfigValues = Record<string, unknown>;

const compiled = new WeakMap<object, ReturnType<ReturnType<typeof getAjv>["compile"]>>();

function validatorFor(manifest: Pick<PluginManifest, "config">) {
  let validate = compiled.get(manifest);
  if (!validate) {
    validate = getAjv().compile(buildConfigSchema(manifest));
    compiled.set(manifest, validate);
  }
  return validate;
}

/**
 * Fills in plugin.json defaults for keys the config leaves out, the way PostHog's config form
 * pre-fills them. Attachment fields are not config values and get no default.
 */
export function applyConfigDefaults(manifest: Pick<PluginManifest, "config">, config: ConfigValues): ConfigValues {
  const out: ConfigValues = { ...config };
  for (const field of configFields(manifest)) {
    if (out[field.key] === undefined && field.default !== undefined && fieldType(field) !== "attachment") {
      out[field.key] = field.default;
    }
  }
  return out;
}

/** The keys of fields marked `secret: true`. */
export function secretKeys(manifest: Pick<PluginManifest, "config">): string[] {
  return configFields(manifest)
    .filter((field) => field.secret)
    .map((field) => field.key);
}

function attachmentsInConfig(manifest: Pick<PluginManifest, "config">, config: ConfigValues): Issue[] {
  return configFields(manifest)
    .filter((field) => fieldType(field) === "attachment" && config[field.key] !== undefined)
    .map((field) => errorIssue(`/${field.key}`, `config.${field.key} is an attachment, not a config value`, `pass it as a file (attachments: { "${field.key}": <file> }) and remove it from config`));
}

/** Options of {@link validateConfig}. */
export interface ValidateConfigOptions {
  /** Names of the attachment fields that have a file (their contents are not needed). */
  attachments?: readonly string[];
}

/**
 * Validates a user's config against the schema derived from plugin.json, after filling defaults.
 * Returns the config with defaults applied, or every issue. Secret values never appear in messages.
 *
 * @example
 * const result = validateConfig(manifest, { name: "Alice" });
 * if (!result.ok) throw new ConfigError("hello-world", result.issues);
 */
export function validateConfig(
  manifest: Pick<PluginManifest, "config">,
  config: unknown,
  options: ValidateConfigOptions = {},
): ValidationResult<ConfigValues> {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    return { ok: false, issues: [errorIssue("", `config must be an object of field values (got ${typeOf(config)})`, `pass e.g. {"${configFields(manifest)[0]?.key ?? "key"}": "value"}`)] };
  }
  const values = applyConfigDefaults(manifest, config as ConfigValues);
  const issues = attachmentsInConfig(manifest, values);
  if (hasErrors(issues)) return { ok: false, issues };
  const data: ConfigValues = { ...values };
  for (const key of options.attachments ?? []) data[key] = { file_name: key };
  const validate = validatorFor(manifest);
  const secrets = new Set(secretKeys(manifest).map((key) => `/${key}`));
  if (!validate(data)) {
    issues.push(
      ...humanizeAjvErrors(validate.errors, {
        isSecret: (path) => secrets.has(path),
        label: (path) => (path ? `config.${path.slice(1).replaceAll("/", ".")}` : "config"),
      }),
    );
  }
  issues.push(...hostPatternIssues(manifest, values));
  return hasErrors(issues) ? { ok: false, issues } : { ok: true, value: values, issues };
}
