import { relative } from "node:path";

/** A workspace package as `pnpm list --json` reports it. */
export interface WorkspacePackage {
  name: string;
  /** Repo-relative directory, e.g. `plugins/geoip`. */
  dir: string;
}

/** One CI runner's share of the test run. */
export interface TestShard {
  /** `1/3`-style label for the job name. */
  name: string;
  packages: string[];
  /** turbo arguments selecting exactly these packages: `--filter=a --filter=b`. */
  filters: string;
}

/** Limits for {@link planTestShards}. */
export interface ShardOptions {
  /** Packages one runner takes before another runner is added (default 8). */
  packagesPerShard?: number;
  /** Upper bound on runners (default 4). */
  maxShards?: number;
}

/**
 * Reads `pnpm list --recursive --depth=-1 --json` output into repo-relative packages, sorted by name.
 * The workspace root (`dir` "") is kept: it means a file outside every package changed.
 *
 * @param json - pnpm's stdout
 * @param root - the repository root the paths are relative to
 * @throws Error when the output is not pnpm's JSON array
 */
export function parsePnpmList(json: string, root: string): WorkspacePackage[] {
  const value: unknown = JSON.parse(json.trim() || "[]");
  if (!Array.isArray(value)) throw new Error(`pnpm list --json printed ${typeof value}, expected an array of packages`);
  return value
    .filter((entry): entry is { name: string; path: string } => typeof entry?.name === "string" && typeof entry?.path === "string")
    .map((entry) => ({ name: entry.name, dir: relative(root, entry.path).replaceAll("\\", "/") }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Splits the packages to test across runners: one runner for up to `packagesPerShard` packages, more
 * (round-robin, so connectors spread evenly) when many change, never more than `maxShards`.
 * The workspace root is not a test target and is dropped.
 *
 * @example
 * planTestShards([{ name: "a", dir: "plugins/a" }]) // [{ name: "1/1", packages: ["a"], filters: "--filter=a" }]
 */
export function planTestShards(packages: readonly WorkspacePackage[], options: ShardOptions = {}): TestShard[] {
  const names = packages.filter((pkg) => pkg.dir !== "").map((pkg) => pkg.name);
  if (names.length === 0) return [];
  const perShard = Math.max(1, options.packagesPerShard ?? 8);
  const count = Math.min(Math.max(1, options.maxShards ?? 4), Math.ceil(names.length / perShard));
  const buckets: string[][] = Array.from({ length: count }, () => []);
  names.forEach((name, index) => buckets[index % count]?.push(name));
  return buckets.map((bucket, index) => ({
    name: `${index + 1}/${count}`,
    packages: bucket,
    filters: bucket.map((name) => `--filter=${name}`).join(" "),
  }));
}
