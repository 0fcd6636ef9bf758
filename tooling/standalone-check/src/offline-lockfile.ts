import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { parse, stringify } from "yaml";
import type { PackedPackage } from "./pack-toolkit.ts";
import { StandaloneCheckError } from "./standalone-check-error.ts";

interface LockedDependency {
  specifier: string;
  version: string;
}

interface Lockfile {
  lockfileVersion: string;
  settings?: unknown;
  overrides?: Record<string, string>;
  importers: Record<string, Record<string, Record<string, LockedDependency> | undefined>>;
  packages: Record<string, unknown>;
  snapshots: Record<string, unknown>;
}

const DEPENDENCY_FIELDS = ["dependencies", "optionalDependencies"] as const;

function integrity(file: string): string {
  return `sha512-${createHash("sha512").update(readFileSync(file)).digest("base64")}`;
}

/** The `dependencies` of a packed package's snapshot: workspace links become the other tarballs. */
function snapshotOf(lock: Lockfile, pkg: PackedPackage, fileRefs: Map<string, string>): Record<string, Record<string, string>> {
  const snapshot: Record<string, Record<string, string>> = {};
  for (const field of DEPENDENCY_FIELDS) {
    const locked = lock.importers[pkg.workspacePath]?.[field];
    if (!locked) continue;
    snapshot[field] = Object.fromEntries(Object.entries(locked).map(([name, dep]) => [name, dep.version.startsWith("link:") ? packedRef(pkg, name, fileRefs) : dep.version]));
  }
  return snapshot;
}

/** The tarball of the workspace package `name` that `pkg` depends on; a private one is never published. */
function packedRef(pkg: PackedPackage, name: string, fileRefs: Map<string, string>): string {
  const ref = fileRefs.get(name);
  if (ref) return ref;
  throw new StandaloneCheckError(
    "STANDALONE_CHECK_PRIVATE_DEPENDENCY",
    `${pkg.name} (${pkg.workspacePath}) depends on the workspace package ${name}, which is private and so never published: a repository installing ${pkg.name} from npm could not resolve it. Fix: publish ${name} too (drop "private") or bundle it into ${pkg.name}`,
  );
}

/**
 * A pnpm-lock.yaml for a repository that installs the packed toolkit, so `pnpm install --offline
 * --frozen-lockfile` needs no registry metadata: only the store a `pnpm install` of the workspace
 * filled. Third-party packages keep the exact versions the workspace locked (its `packages` and
 * `snapshots` are carried over; pnpm installs only what the importer reaches), toolkit packages are
 * `file:` tarballs (also pinned for transitive use through `overrides`).
 * Hand-built because pnpm resolves a fresh lockfile only with registry metadata, which a frozen
 * workspace install never downloads (ERR_PNPM_NO_OFFLINE_META).
 *
 * @param workspaceLock - the workspace's pnpm-lock.yaml text
 * @param repoDir - the repository the lockfile is for (tarball paths are relative to it)
 * @param packed - the packed toolkit
 * @param direct - the repository's devDependencies that are toolkit packages or locked third-party ones
 * @returns the lockfile text and the `file:` reference of every toolkit package
 */
export function offlineLockfile(workspaceLock: string, repoDir: string, packed: PackedPackage[], direct: Record<string, string>): { text: string; fileRefs: Map<string, string> } {
  const lock = parse(workspaceLock) as Lockfile;
  const fileRefs = new Map(packed.map((pkg) => [pkg.name, `file:${relative(repoDir, pkg.tarball)}`]));
  const packages: Record<string, unknown> = { ...lock.packages };
  const snapshots: Record<string, unknown> = { ...lock.snapshots };
  for (const pkg of packed) {
    const key = `${pkg.name}@${fileRefs.get(pkg.name)}`;
    packages[key] = { resolution: { integrity: integrity(pkg.tarball), tarball: fileRefs.get(pkg.name) }, version: pkg.version };
    snapshots[key] = snapshotOf(lock, pkg, fileRefs);
  }
  const devDependencies = Object.fromEntries(
    Object.keys(direct).map((name) => {
      const ref = fileRefs.get(name);
      return [name, ref ? { specifier: ref, version: ref } : lockedThirdParty(lock, packed, name, direct[name]!)];
    }),
  );
  const text = stringify({ lockfileVersion: lock.lockfileVersion, settings: lock.settings, overrides: Object.fromEntries(fileRefs), importers: { ".": { devDependencies } }, packages, snapshots }, { lineWidth: 0 });
  return { text, fileRefs };
}

/** A third-party devDependency as some toolkit package locked it (e.g. vitest, which testkit peers). */
function lockedThirdParty(lock: Lockfile, packed: PackedPackage[], name: string, specifier: string): LockedDependency {
  for (const pkg of packed) {
    for (const field of DEPENDENCY_FIELDS) {
      const dep = lock.importers[pkg.workspacePath]?.[field]?.[name];
      if (dep && dep.specifier === specifier) return { specifier, version: dep.version };
    }
  }
  throw new StandaloneCheckError("STANDALONE_CHECK_NOT_LOCKED", `${name}@${specifier} is not locked by any toolkit package, so it cannot be installed offline; add it to a toolkit package or drop it from the scaffold`);
}
