import type { Properties } from "@posthog/plugin-scaffold";
import { flattenObject } from "./flatten-object.ts";

const PERSON_KEYS = ["$set", "$set_once"] as const;

function isPlainObject(value: unknown): value is Properties {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * New properties: the originals plus their flattened keys (overwriting equal names). Top-level `$set`
 * and `$set_once` are flattened into themselves instead, and left as they are when not plain objects.
 */
export function flattenProperties(properties: Properties, separator: string): Properties {
  const out: Properties = { ...properties, ...flattenObject(properties, separator, new Set(PERSON_KEYS)) };
  for (const key of PERSON_KEYS) {
    const value: unknown = properties[key];
    if (isPlainObject(value)) out[key] = { ...value, ...flattenObject(value, separator) };
  }
  return out;
}
