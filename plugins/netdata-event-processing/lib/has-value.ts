import type { Props } from "./types.ts";

/** The key is present (any value, also null). */
export function has(object: Props, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** The key is present with a value other than null/undefined. */
export function hasValue(object: Props, key: string): boolean {
  return has(object, key) && object[key] !== null && object[key] !== undefined;
}

/** The value when it is a string, else undefined. */
export function stringAt(object: Props, key: string): string | undefined {
  const value = object[key];
  return typeof value === "string" ? value : undefined;
}
