import type { Properties } from "@posthog/plugin-scaffold";
import { splitVersion } from "./split-version.ts";

/** The version text of a property value: strings as they are, numbers through `String()`; anything else (or falsy) none. */
function versionText(value: unknown): string | undefined {
  if (!value) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

/** Writes `<t>__major`, `__minor`, and when present `__patch`, `__preRelease`, `__build` for target `t`; returns whether it did. */
export function flattenVersion(properties: Properties, target: string): boolean {
  const text = versionText(properties[target]);
  if (text === undefined) return false;
  const { major, minor, patch, preRelease, build } = splitVersion(text);
  properties[`${target}__major`] = major;
  properties[`${target}__minor`] = minor;
  if (patch !== undefined) properties[`${target}__patch`] = patch;
  if (preRelease !== undefined) properties[`${target}__preRelease`] = preRelease;
  if (build !== undefined) properties[`${target}__build`] = build;
  return true;
}
