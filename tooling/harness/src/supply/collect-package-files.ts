import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import { join, posix } from "node:path";
import { errorIssue, type Issue } from "@connectors/plugin-api";
import { ignoredBuildOutput } from "./ignored-build-output.ts";
import { isInside, isSystemPath } from "./is-inside.ts";
import { readRegularFile } from "./read-regular-file.ts";
import type { SupplyLimits } from "./supply-limits.ts";

/** Folders that are never part of a package: installed dependencies, VCS data, caches and reports. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(["node_modules", ".git", ".turbo", "coverage", ".connectors"]);
/** Files that are never part of a package: test reports and OS litter. */
export const SKIPPED_FILES: ReadonlySet<string> = new Set([".vitest-report.json", ".DS_Store"]);

/** What {@link collectPackageFiles} found: the package's regular files and every refusal. */
export interface CollectedFiles {
  files: Map<string, Buffer>;
  issues: Issue[];
}

interface Walk {
  root: string;
  limits: SupplyLimits;
  files: Map<string, Buffer>;
  issues: Issue[];
  bytes: number;
  stopped: boolean;
}

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return "a FIFO (named pipe)";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device file";
  if (stat.isDirectory()) return "a directory";
  return "not a regular file";
}

function refuse(walk: Walk, path: string, message: string, fix: string): void {
  walk.issues.push(errorIssue(path, message, fix));
}

function keep(walk: Walk, path: string, absolute: string): void {
  if (walk.files.size >= walk.limits.maxFiles) {
    refuse(walk, path, `the package has more than ${walk.limits.maxFiles} files`, "remove generated or vendored files, or raise maxFiles (CONNECTORS_MAX_PACKAGE_FILES)");
    walk.stopped = true;
    return;
  }
  const read = readRegularFile(absolute, walk.limits.maxFileBytes);
  if (!read.ok) {
    if (read.reason === "too-large") refuse(walk, path, `is ${read.size} bytes, over the ${walk.limits.maxFileBytes}-byte limit per file`, "keep large data out of the package, or raise maxFileBytes (CONNECTORS_MAX_FILE_BYTES)");
    else if (read.reason === "not-regular") refuse(walk, path, "changed into something that is not a regular file while it was read", "make it a regular file");
    else refuse(walk, path, `cannot be read (${read.detail})`, "fix its permissions or remove it");
    return;
  }
  walk.bytes += read.bytes.length;
  if (walk.bytes > walk.limits.maxTotalBytes) {
    refuse(walk, path, `the package is over the ${walk.limits.maxTotalBytes}-byte limit for all files together`, "remove large files, or raise maxTotalBytes (CONNECTORS_MAX_PACKAGE_BYTES)");
    walk.stopped = true;
    return;
  }
  walk.files.set(path, read.bytes);
}

function followLink(walk: Walk, path: string, absolute: string): void {
  let target: string;
  try {
    target = realpathSync(absolute);
  } catch {
    refuse(walk, path, "is a symlink to nothing (dangling)", "remove it or make it a regular file");
    return;
  }
  if (!isInside(walk.root, target) || isSystemPath(target)) {
    refuse(walk, path, "is a symlink to a file outside the package", "copy the file into the package instead of linking to it");
    return;
  }
  let stat: Stats;
  try {
    stat = statSync(target);
  } catch {
    refuse(walk, path, "is a symlink whose target vanished while it was read", "make it a regular file");
    return;
  }
  if (!stat.isFile()) {
    refuse(walk, path, `is a symlink to ${kindOf(stat)}`, "replace the link with a regular file or a real folder");
    return;
  }
  keep(walk, path, target);
}

function visit(walk: Walk, folder: string, prefix: string, skipFolders: ReadonlySet<string>, ignored: (path: string) => boolean): void {
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch (error) {
    refuse(walk, prefix || ".", `cannot be listed (${(error as NodeJS.ErrnoException).code ?? error})`, "fix its permissions");
    return;
  }
  for (const name of names) {
    if (walk.stopped) return;
    const path = prefix ? posix.join(prefix, name) : name;
    const absolute = join(folder, name);
    const stat = lstatSync(absolute);
    if (stat.isDirectory()) {
      if (!skipFolders.has(name) && !ignored(`${path}/`)) visit(walk, absolute, path, skipFolders, ignored);
    } else if (ignored(path)) continue;
    else if (stat.isSymbolicLink()) followLink(walk, path, absolute);
    else if (stat.isFile()) {
      if (!SKIPPED_FILES.has(name)) keep(walk, path, absolute);
    } else refuse(walk, path, `is ${kindOf(stat)}`, "remove it: a package holds only regular files");
  }
}

function bundledDependencies(files: Map<string, Buffer>): string[] {
  const raw = files.get("package.json");
  if (!raw) return [];
  try {
    const pkg = JSON.parse(raw.toString("utf8")) as { bundleDependencies?: unknown; bundledDependencies?: unknown; dependencies?: Record<string, unknown> };
    const listed = pkg.bundleDependencies ?? pkg.bundledDependencies;
    if (listed === true) return Object.keys(pkg.dependencies ?? {});
    return Array.isArray(listed) ? listed.filter((name): name is string => typeof name === "string" && /^(@[\w.-]+\/)?[\w.-]+$/.test(name)) : [];
  } catch {
    return [];
  }
}

/**
 * Reads a package directory into memory: every regular file (node_modules, .git, .turbo, coverage, test
 * reports and git-ignored build output such as dist/ left out, see {@link ignoredBuildOutput}; the
 * `bundleDependencies` under node_modules kept, as `npm pack` ships them).
 * A symlink is followed only when its real path stays inside the package and is a regular file;
 * device files, FIFOs, sockets, /proc, /sys and /dev, links leaving the package and files over a cap
 * are refused with an issue naming the file and the fix. Never throws for bad content.
 */
export function collectPackageFiles(dir: string, limits: SupplyLimits): CollectedFiles {
  let root: string;
  try {
    root = realpathSync(dir);
  } catch (error) {
    return { files: new Map(), issues: [errorIssue(".", `the package folder cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`, "check the path")] };
  }
  const walk: Walk = { root, limits, files: new Map(), issues: [], bytes: 0, stopped: false };
  if (isSystemPath(root)) return { files: walk.files, issues: [errorIssue(".", "the package folder is inside /proc, /sys or /dev", "point at a connector package folder")] };
  visit(walk, root, "", SKIPPED_FOLDERS, ignoredBuildOutput(root));
  for (const name of bundledDependencies(walk.files)) {
    const folder = join(root, "node_modules", name);
    const path = `node_modules/${name}`;
    let stat: Stats | undefined;
    try {
      stat = lstatSync(folder);
    } catch {
      continue;
    }
    if (stat.isDirectory()) visit(walk, folder, path, new Set([".git"]), () => false);
    else refuse(walk, path, "is a bundled dependency that is not a real folder inside the package", "install it as a real folder (npm install --install-links) before packing");
  }
  return { files: walk.files, issues: walk.issues };
}
