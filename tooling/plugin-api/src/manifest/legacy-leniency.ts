import { warningIssue, type Issue } from "../issues.ts";

/**
 * How strictly a plugin.json is judged:
 * - `official` (default): this repository's catalog rules (plugins/*, the registry build, review);
 * - `legacy`: a third-party connector being run or installed. Quirks PostHog's plugin server and UI
 *   accepted (a placeholder `url`, a secret field with a default, unknown field types or properties,
 *   `"required": "true"`, ...) become warnings and the manifest is normalised so the harness can use it;
 *   what would make it unsafe or unusable (no name, a `main` outside the package, bad `allowedHosts`,
 *   a stateless connector with config, dangerous config keys) stays an error.
 */
export type ManifestStrictness = "official" | "legacy";

/** The suffix every tolerated quirk's warning carries. */
export const LEGACY_NOTE = "PostHog accepted this; the official catalog does not";

const ENTRY_FIELDS = new Set(["key", "name", "type", "default", "required", "secret", "hint", "markdown", "description", "choices", "required_if", "visible_if", "order", "templating", "format"]);
const FIELD_TYPES = new Set(["string", "choice", "json", "attachment", "dictionary"]);
const BOOLEAN_FIELDS = ["required", "secret", "templating"] as const;
const TEXT_FIELDS = ["name", "hint", "markdown", "description"] as const;
/** Keys that would reach Object.prototype when used as `config[key]`: never tolerated. */
export const DANGEROUS_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function tolerated(path: string, message: string, fix: string): Issue {
  return warningIssue(path, `${message} (${LEGACY_NOTE})`, fix);
}

function isUrl(value: unknown): boolean {
  return typeof value === "string" && /^[a-z][a-z0-9+.-]*:/i.test(value) && URL.canParse(value);
}

/** `"true"`, `"yes"`, 1 -> true; `"false"`, `"0"`, `""`, 0 -> false (a string secret flag stays truthy unless it says no). */
function toBoolean(value: unknown): boolean {
  if (typeof value === "string") return !/^(false|0|no|off|)$/i.test(value.trim());
  return Boolean(value);
}

function normalizeTopLevel(manifest: Json, issues: Issue[]): void {
  if (manifest.url !== undefined && !isUrl(manifest.url)) {
    issues.push(tolerated("/url", `"url" is not a URL (${typeof manifest.url === "string" ? JSON.stringify(manifest.url) : typeof manifest.url}); it is ignored`, `set "url" to the repository URL, e.g. "https://github.com/you/your-connector"`));
    delete manifest.url;
  }
  for (const key of ["description", "icon", "posthogVersion"] as const) {
    const value = manifest[key];
    if (value === undefined || (typeof value === "string" && value.trim() !== "")) continue;
    issues.push(tolerated(`/${key}`, `"${key}" is ${typeof value === "string" ? "empty" : `a ${typeof value}, not text`}; it is ignored`, `remove "${key}" or give it text`));
    delete manifest[key];
  }
}

function normalizeEntry(entry: Json, path: string, issues: Issue[]): Json {
  if (entry.key === undefined && entry.markdown === undefined) {
    issues.push(tolerated(path, "config entry has neither \"key\" nor \"markdown\"; it is ignored", `add a "key" or remove the entry`));
    // An empty text entry keeps the later entries' paths (/config/N) the same in every message.
    return { markdown: "" };
  }
  const out: Json = { ...entry };
  for (const name of Object.keys(out).filter((k) => !ENTRY_FIELDS.has(k))) {
    issues.push(tolerated(`${path}/${name}`, `"${name}" is not a known config field property; it is ignored`, `remove "${name}"`));
    delete out[name];
  }
  if (out.type !== undefined && !FIELD_TYPES.has(out.type as string)) {
    issues.push(tolerated(`${path}/type`, `unknown field type ${JSON.stringify(out.type)} (PostHog's form showed "Unknown field type"); it is read as "string"`, `use one of ${[...FIELD_TYPES].join(", ")}`));
    out.type = "string";
  }
  for (const name of BOOLEAN_FIELDS) {
    if (out[name] === undefined || typeof out[name] === "boolean") continue;
    issues.push(tolerated(`${path}/${name}`, `"${name}" is ${JSON.stringify(out[name])}, not true or false; it is read as ${toBoolean(out[name])}`, `write "${name}": ${toBoolean(out[name])}`));
    out[name] = toBoolean(out[name]);
  }
  for (const name of TEXT_FIELDS) {
    if (out[name] === undefined || typeof out[name] === "string") continue;
    issues.push(tolerated(`${path}/${name}`, `"${name}" is not text; it is ignored`, `write "${name}" as a string`));
    delete out[name];
  }
  if (out.order !== undefined && typeof out.order !== "number") {
    issues.push(tolerated(`${path}/order`, `"order" is not a number; it is ignored`, `remove "order" (PostHog documents it as deprecated)`));
    delete out.order;
  }
  return out;
}

function normalizeEntries(manifest: Json, issues: Issue[]): void {
  const config = manifest.config;
  if (Array.isArray(config)) {
    manifest.config = config.map((entry, index) => (isObject(entry) ? normalizeEntry(entry, `/config/${index}`, issues) : entry));
  } else if (isObject(config)) {
    manifest.config = Object.fromEntries(Object.entries(config).map(([key, entry]) => [key, isObject(entry) ? normalizeEntry({ key, ...entry }, `/config/${key}`, issues) : entry]));
  }
}

/**
 * Normalises a third-party plugin.json the way PostHog read it and reports each quirk as a warning
 * (never echoing a config default, which may be a secret). Returns a copy; the input is untouched.
 */
export function normalizeLegacyManifest(raw: unknown): { manifest: unknown; issues: Issue[] } {
  if (!isObject(raw)) return { manifest: raw, issues: [] };
  const manifest: Json = { ...raw };
  const issues: Issue[] = [];
  normalizeTopLevel(manifest, issues);
  normalizeEntries(manifest, issues);
  return { manifest, issues };
}

/** Schema issues PostHog did not raise: a config key that is not an identifier (any text was a key there). */
export function isToleratedSchemaIssue(issue: Issue, manifest: unknown): boolean {
  const match = /^\/config\/([^/]+)\/key$/.exec(issue.path);
  if (!match || !issue.message.includes("invalid format")) return false;
  const config = (manifest as Json).config as unknown;
  const entry = Array.isArray(config) ? config[Number(match[1])] : isObject(config) ? config[match[1]!] : undefined;
  const key = isObject(entry) ? entry.key : undefined;
  return typeof key === "string" && key.trim() !== "" && key.length <= 200 && !DANGEROUS_KEYS.has(key);
}

/** Downgrades an issue PostHog accepted to a warning that says so. */
export function toleratedIssue(issue: Issue): Issue {
  return issue.severity === "warning" ? issue : { ...issue, severity: "warning", message: `${issue.message} (${LEGACY_NOTE})` };
}
