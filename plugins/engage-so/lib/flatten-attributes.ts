/**
 * Flattens a value into leaf keys without parent prefixes (later leaves overwrite earlier ones); arrays
 * contribute their index keys ("0", "1", ...); `null` is a leaf (the original crashed on it).
 */
export function flattenAttributes(source: Record<string, unknown> | unknown[], out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, value] of Object.entries(source)) {
    if (value !== null && typeof value === "object") flattenAttributes(value as Record<string, unknown>, out);
    else out[key] = value;
  }
  return out;
}
