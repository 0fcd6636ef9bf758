const MIN_SECRET_LENGTH = 3;
const SENSITIVE_HEADER = /authorization|cookie|token|secret|api[-_]?key|password|signature|x-amz-security/i;

/** Replaces secret values in text. */
export type Redactor = (text: string) => string;

/** Marker that replaces a secret. */
export const REDACTED = "[REDACTED]";

function variants(secret: string): string[] {
  const out = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  return [...out].filter((v) => v.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * Builds a redactor for a set of secret values: every occurrence (raw, URL-encoded or JSON-escaped)
 * becomes `[REDACTED]`. Values shorter than 3 characters are not treated as secrets.
 */
export function createRedactor(secrets: Iterable<unknown>): Redactor {
  const needles = [...new Set([...secrets].filter((s): s is string => typeof s === "string").flatMap(variants))];
  if (needles.length === 0) return (text) => text;
  return (text) => needles.reduce((out, needle) => out.split(needle).join(REDACTED), text);
}

/** Header names whose values are always hidden in recordings (authorization, tokens, keys, cookies). */
export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADER.test(name);
}

/** Applies a redactor to every string inside a JSON-like value. */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)])) as T;
  }
  return value;
}
