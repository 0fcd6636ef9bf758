import { existsSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import type { Issue, ManifestStrictness, PluginManifest } from "@connectors/plugin-api";
import { PluginLoadError } from "../errors.ts";
import type { PackageSnapshot } from "../supply/package-snapshot.ts";
import { readPackageSnapshot, type ReadSnapshotOptions } from "../supply/read-package-snapshot.ts";

/** A connector package: its validated snapshot, its manifest and the one file that is executed. */
export interface ConnectorSource {
  /** The slug: the directory name (or the name it is installed under). */
  slug: string;
  /** The folder it was read from; "" for a package that never was on disk (a downloaded archive). */
  dir: string;
  manifest: PluginManifest;
  manifestFile: string;
  /** The entry file: its path on disk, or its package path for a package that never was on disk. */
  entryFile: string;
  /** Manifest warnings (unknown fields, and the PostHog quirks a third-party connector may have). */
  warnings: Issue[];
  /** How its plugin.json was judged: `official` under the workspace's plugins/, `legacy` anywhere else. */
  strictness: ManifestStrictness;
  /** The package's own files, read once: what bundling, review and install use. */
  snapshot: PackageSnapshot;
}

/** The nearest directory at or above `from` that holds pnpm-workspace.yaml, if any. */
export function findWorkspaceRoot(from: string = process.cwd()): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * `official` for a connector of the workspace's catalog (`<root>/plugins/<slug>`), `legacy` for any
 * other directory (a third-party connector being run or installed): see `validateManifest`.
 */
export function manifestStrictnessFor(dir: string): ManifestStrictness {
  const root = findWorkspaceRoot(dir);
  return root && dirname(resolve(dir)) === join(root, "plugins") ? "official" : "legacy";
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** Where a target (a workspace slug or a directory path) lives. */
export function resolveTargetDir(target: string, cwd: string = process.cwd()): string {
  const root = findWorkspaceRoot(cwd);
  const asSlug = root && /^[a-z0-9][a-z0-9-]*$/.test(target) ? join(root, "plugins", target) : undefined;
  if (asSlug && isDirectory(asSlug)) return asSlug;
  const asPath = isAbsolute(target) ? target : resolve(cwd, target);
  if (isDirectory(asPath)) return asPath;
  const known = root ? ` (workspace connectors are in ${join(root, "plugins")})` : "";
  throw new PluginLoadError(`Cannot find connector "${target}": it is neither a slug under plugins/ nor a directory${known}. Fix: check the name, or pass the path of a directory holding plugin.json.`);
}

/**
 * A connector source for a snapshot already read (a downloaded archive, an install), named `slug`.
 *
 * @example
 * const source = sourceFromSnapshot(await supplySource("posthog-foo-plugin@1.0.0"), "foo");
 */
export function sourceFromSnapshot(snapshot: PackageSnapshot, slug: string): ConnectorSource {
  const entryFile = snapshot.dir ? join(snapshot.dir, snapshot.main) : snapshot.main;
  return { slug, dir: snapshot.dir ?? "", manifest: snapshot.manifest, manifestFile: snapshot.manifestFile, entryFile, warnings: snapshot.warnings, strictness: snapshot.strictness, snapshot };
}

/**
 * Resolves a workspace slug or a directory to its package snapshot, manifest and entry file.
 *
 * @throws PluginLoadError when nothing is there or there is no entry file
 * @throws ManifestError when plugin.json is missing or invalid
 * @throws SupplyError when a file of the package is refused (a symlink leaving it, a device, over a cap)
 */
export async function resolveConnectorSource(target: string, cwd: string = process.cwd(), options: ReadSnapshotOptions = {}): Promise<ConnectorSource> {
  const dir = resolveTargetDir(target, cwd);
  return sourceFromSnapshot(await readPackageSnapshot(dir, options), basename(dir));
}
