import { posix } from "node:path";
import ignore from "ignore";
import { minimatch } from "minimatch";
import { toPackagePath } from "./package-path.ts";
import type { PackageSnapshot } from "./package-snapshot.ts";

/*
 * Why not npm-packlist: it walks a directory on disk and needs an @npmcli/arborist tree, while a
 * snapshot lives in memory (an archive is never unpacked to disk before it is checked). The rules
 * below are npm's documented ones (package.json `files`, else .npmignore/.gitignore, the always-
 * included and always-left-out names), applied to the snapshot's paths; `ignore` and `minimatch`
 * do the pattern matching. The connector's own essentials (plugin.json, its main file and icon,
 * CHANGELOG) are always kept: without them an installed connector cannot load or be shown.
 */

const ALWAYS_LEFT_OUT = [".git", "CVS", ".svn", ".hg", ".lock-wscript", ".wafpickle-*", ".*.swp", ".DS_Store", "._*", "npm-debug.log", ".npmrc", "config.gypi", "*.orig", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", ".npmignore", ".gitignore", ".vitest-report.json"];
const ALWAYS_KEPT_TOP = /^(package\.json|readme(\..*)?|licen[cs]e(\..*)?|changelog(\..*)?|plugin\.json)$/i;

/** True when a path has a segment npm never packs (a nested node_modules counts only under a bundled dependency). */
function isLeftOut(path: string): boolean {
  return path.split("/").some((part) => ALWAYS_LEFT_OUT.some((pattern) => minimatch(part, pattern, { dot: true })));
}

function essentials(snapshot: PackageSnapshot): Set<string> {
  const kept = new Set<string>([snapshot.main]);
  const main = snapshot.packageJson?.main;
  if (typeof main === "string") kept.add(toPackagePath(main) ?? "");
  const icon = snapshot.manifest.icon ? toPackagePath(snapshot.manifest.icon) : undefined;
  if (icon) kept.add(icon);
  for (const path of snapshot.files.keys()) if (!path.includes("/") && ALWAYS_KEPT_TOP.test(path)) kept.add(path);
  return kept;
}

function bundledNames(snapshot: PackageSnapshot): string[] {
  const pkg = snapshot.packageJson ?? {};
  const listed = pkg.bundleDependencies ?? pkg.bundledDependencies;
  if (listed === true) return Object.keys((pkg.dependencies as Record<string, unknown> | undefined) ?? {});
  return Array.isArray(listed) ? listed.filter((name): name is string => typeof name === "string") : [];
}

function matchesFilesField(path: string, patterns: string[]): boolean {
  let included = false;
  for (const raw of patterns) {
    const negated = raw.startsWith("!");
    const pattern = (negated ? raw.slice(1) : raw).replace(/^\.?\/+/, "").replace(/\/+$/, "");
    if (!pattern) continue;
    if (minimatch(path, pattern, { dot: true }) || minimatch(path, `${pattern}/**`, { dot: true })) included = !negated;
  }
  return included;
}

function ignoredByFiles(snapshot: PackageSnapshot): (path: string) => boolean {
  const folders = new Map<string, ReturnType<typeof ignore>>();
  for (const [path, bytes] of snapshot.files) {
    const name = posix.basename(path);
    const folder = posix.dirname(path);
    if (name === ".npmignore" || (name === ".gitignore" && !snapshot.files.has(posix.join(folder, ".npmignore")))) {
      folders.set(folder, ignore().add(bytes.toString("utf8")));
    }
  }
  return (path) => {
    for (const [folder, rules] of folders) {
      const rel = folder === "." ? path : path.startsWith(`${folder}/`) ? path.slice(folder.length + 1) : undefined;
      if (rel !== undefined && rules.ignores(rel)) return true;
    }
    return false;
  };
}

/**
 * The files `npm pack` would put in the package (the "would ship" view install writes): package.json
 * `files` when present, else everything not excluded by .npmignore (or .gitignore); the names npm
 * always keeps or leaves out; `bundleDependencies` under node_modules; plus the connector's own
 * plugin.json, main file, icon and CHANGELOG. Sorted package paths.
 *
 * @example
 * listShippedFiles(await readPackageSnapshot("plugins/laudspeaker"))
 * // ["CHANGELOG.md", "README.md", "index.ts", "lib/add-laudspeaker-extras.ts", "package.json", "plugin.json"]
 */
export function listShippedFiles(snapshot: PackageSnapshot): string[] {
  const kept = essentials(snapshot);
  const files = snapshot.packageJson?.files;
  const patterns = Array.isArray(files) ? files.filter((entry): entry is string => typeof entry === "string") : undefined;
  const ignored = patterns ? undefined : ignoredByFiles(snapshot);
  const bundled = bundledNames(snapshot).map((name) => `node_modules/${name}/`);
  const shipped = [...snapshot.files.keys()].filter((path) => {
    if (kept.has(path)) return true;
    if (isLeftOut(path)) return false;
    if (path.startsWith("node_modules/")) return bundled.some((folder) => path.startsWith(folder));
    if (path.split("/").includes("node_modules")) return false;
    return patterns ? matchesFilesField(path, patterns) : !ignored!(path);
  });
  return shipped.sort();
}
