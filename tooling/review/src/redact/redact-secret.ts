import { SECRET_PATTERNS } from "./secret-patterns.ts";

/**
 * The safe way to mention a secret in a report: its length and, for long values, its first 4
 * characters (enough to recognise a key format, never enough to use it).
 *
 * @example
 * redactSecret("AKIAIOSFODNN7EXAMPLE") // "AKIA…[redacted, 20 chars]"
 */
export function redactSecret(value: string): string {
  const prefix = value.length >= 16 ? value.slice(0, 4) : "";
  return `${prefix}…[redacted, ${value.length} chars]`;
}

/**
 * Replaces every known secret value and every well-known credential format in `text`. The last
 * line of defence before a report leaves the process.
 */
export function redactText(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 6) out = out.split(secret).join(redactSecret(secret));
  }
  for (const { pattern } of SECRET_PATTERNS) {
    out = out.replace(new RegExp(pattern.source, pattern.flags), (match) => redactSecret(match));
  }
  return out;
}
