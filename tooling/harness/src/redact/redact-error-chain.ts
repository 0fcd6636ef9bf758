import type { Redactor } from "../redact.ts";

const MAX_DEPTH = 16;

function redactField(target: object, key: string, redact: Redactor): void {
  const value = (target as Record<string, unknown>)[key];
  if (typeof value !== "string") return;
  const redacted = redact(value);
  if (redacted === value) return;
  try {
    Object.defineProperty(target, key, { value: redacted, writable: true, configurable: true, enumerable: Object.prototype.propertyIsEnumerable.call(target, key) });
  } catch {
    // a frozen error keeps its text; every report redacts again on the way out
  }
}

/**
 * Hides secrets, in place, in a thrown error and everything it links to: `message`, `stack`, the
 * traced code frame and other own string fields, through the `cause` chain and an
 * `AggregateError`'s `errors` (cycles and very deep chains stop). What a hook threw stays the same
 * object (a `RetryError` is still recognised); only its text changes, so printing it anywhere
 * (`util.inspect`, `--debug` stacks) shows no secret.
 */
export function redactErrorChain(thrown: unknown, redact: Redactor, seen = new Set<object>(), depth = 0): void {
  if (!thrown || typeof thrown !== "object" || seen.has(thrown) || depth > MAX_DEPTH) return;
  seen.add(thrown);
  for (const key of new Set(["message", "stack", ...Object.keys(thrown)])) redactField(thrown, key, redact);
  const { cause, errors } = thrown as { cause?: unknown; errors?: unknown };
  redactErrorChain(cause, redact, seen, depth + 1);
  if (Array.isArray(errors)) for (const inner of errors.slice(0, 100)) redactErrorChain(inner, redact, seen, depth + 1);
}
