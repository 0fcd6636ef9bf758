/** A version string split the way the original did (no validation: `Number()` semantics, NaN kept). */
export interface SplitVersion {
  major: number;
  minor: number;
  patch?: number;
  preRelease?: string;
  build?: string;
}

/**
 * Splits `3.4.5-beta+42` into 3, 4, 5, `beta`, `42`. Build = text between the first and second `+`;
 * pre-release = everything after the first `-` of the head; core pieces go through `Number()`
 * (`"07"` -> 7, `"v1"` -> NaN, missing -> NaN); patch only when its piece is non-empty.
 */
export function splitVersion(version: string): SplitVersion {
  const [head = "", build] = version.split("+");
  const [core = "", ...pre] = head.split("-");
  const [major, minor, patch] = core.split(".");
  const out: SplitVersion = { major: Number(major), minor: Number(minor) };
  if (patch) out.patch = Number(patch);
  const preRelease = pre.join("-");
  if (preRelease) out.preRelease = preRelease;
  if (build) out.build = build;
  return out;
}
