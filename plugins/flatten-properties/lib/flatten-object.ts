import type { Properties } from "@posthog/plugin-scaffold";

/** Keys never descended into, at any depth (their values stay as they are). */
export const HIDDEN_KEYS: ReadonlySet<string> = new Set(["$elements", "$groups", "$active_feature_flags"]);

function isContainer(value: unknown): value is Properties | unknown[] {
  if (Array.isArray(value)) return true;
  return typeof value === "object" && value !== null && Object.keys(value).length > 0;
}

function walk(value: unknown, path: string[], separator: string, out: Properties): void {
  if (!isContainer(value)) {
    out[path.join(separator)] = value;
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (!HIDDEN_KEYS.has(key)) walk(child, [...path, key], separator, out);
  }
}

/**
 * The flattened keys of `root`'s nested values: every leaf at depth >= 1 (strings, numbers, booleans,
 * null, empty objects) under its path joined by `separator`, depth-first in insertion order. Array
 * entries use their index; empty arrays and top-level leaves produce nothing; hidden keys are skipped.
 * `skip` names top-level keys to leave out.
 */
export function flattenObject(root: Properties, separator: string, skip: ReadonlySet<string> = new Set()): Properties {
  const out: Properties = {};
  for (const [key, value] of Object.entries(root)) {
    if (HIDDEN_KEYS.has(key) || skip.has(key) || !isContainer(value)) continue;
    walk(value, [key], separator, out);
  }
  return out;
}
