import type { Properties } from "@posthog/plugin-scaffold";

/**
 * True when `properties[key]` is present (neither undefined nor null; `0`, `false` and `""` count) and
 * either no values are configured or `String(value)` equals one of them (case-sensitive).
 */
export function shouldDrop(properties: Properties, key: string, values: readonly string[]): boolean {
  const value: unknown = properties[key];
  if (value === undefined || value === null) return false;
  return values.length === 0 || values.includes(String(value));
}
