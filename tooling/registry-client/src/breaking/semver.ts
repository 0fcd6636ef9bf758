/** The size of a version change, smallest to largest. */
export type Bump = "none" | "patch" | "minor" | "major";

const ORDER: Bump[] = ["none", "patch", "minor", "major"];

/** A parsed `major.minor.patch[-prerelease]` version. */
export interface Semver {
  major: number;
  minor: number;
  patch: number;
  prerelease: string;
}

/**
 * Parses a semver version (build metadata ignored); undefined when it is not one.
 *
 * @example
 * parseSemver("1.2.3-beta.1") // { major: 1, minor: 2, patch: 3, prerelease: "beta.1" }
 */
export function parseSemver(version: string): Semver | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(version);
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease: m[4] ?? "" } : undefined;
}

/** Negative when a < b, zero when equal, positive when a > b (a prerelease sorts before its release). */
export function compareSemver(a: Semver, b: Semver): number {
  const diff = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (diff) return diff;
  if (a.prerelease === b.prerelease) return 0;
  if (!a.prerelease) return 1;
  if (!b.prerelease) return -1;
  return a.prerelease < b.prerelease ? -1 : 1;
}

/** The bump from one version to the next, or `downgrade` when `to` is lower. */
export function bumpBetween(from: Semver, to: Semver): Bump | "downgrade" {
  const cmp = compareSemver(to, from);
  if (cmp < 0) return "downgrade";
  if (cmp === 0) return "none";
  if (to.major !== from.major) return "major";
  if (to.minor !== from.minor) return "minor";
  return "patch";
}

/** The larger of two bumps. */
export function maxBump(a: Bump, b: Bump): Bump {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

/**
 * The bump a change of a given impact needs from version `from`. Before 1.0.0 the caret rule of npm
 * applies: a breaking change needs a minor bump (0.1.x → 0.2.0), a feature a patch bump.
 */
export function requiredBumpFrom(from: Semver, impact: Bump): Bump {
  if (from.major > 0) return impact;
  return impact === "major" ? "minor" : impact === "minor" ? "patch" : impact;
}

/** True when the actual bump is at least the required one. */
export function satisfiesBump(actual: Bump | "downgrade", required: Bump): boolean {
  return actual !== "downgrade" && ORDER.indexOf(actual) >= ORDER.indexOf(required);
}
