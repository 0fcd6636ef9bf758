/** Strings of a JSON secret that are redacted on their own (keys, tokens): at least this long. */
const MIN_JSON_LEAF = 16;

function jsonLeaves(value: unknown, out: string[]): void {
  if (typeof value === "string") {
    if (value.length >= MIN_JSON_LEAF) out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) jsonLeaves(item, out);
  } else if (value && typeof value === "object") {
    for (const item of Object.values(value)) jsonLeaves(item, out);
  }
}

/**
 * The strings to hide for a set of secret config values: each string value, and for a value that is
 * JSON text (a service-account key file, say) also its long string leaves (a connector logs
 * `credentials.private_key`, not the whole file). Non-strings and empty strings are ignored.
 */
export function secretStrings(secrets: Iterable<unknown>): string[] {
  const out: string[] = [];
  for (const secret of secrets) {
    if (typeof secret !== "string" || secret === "") continue;
    out.push(secret);
    const trimmed = secret.trim();
    if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) continue;
    try {
      jsonLeaves(JSON.parse(trimmed), out);
    } catch {
      // not JSON: the value itself is enough
    }
  }
  return [...new Set(out)];
}

/**
 * The ways a secret appears in text: as is, URL-encoded (both hex cases), form-encoded (`+` for
 * spaces) and JSON-escaped once and twice (a JSON document logged inside another).
 */
export function textForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const uri = encodeURIComponent(secret);
  const forms = [secret, uri, uri.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()), new URLSearchParams({ v: secret }).toString().slice(2), json, JSON.stringify(json).slice(1, -1)];
  return [...new Set(forms)];
}
