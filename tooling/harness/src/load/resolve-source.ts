import { existsSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { readManifest, type Issue, type ManifestStrictness, type PluginManifest } from "@connectors/plugin-api";
import { PluginLoadError } from "../errors.ts";

/** A connector on disk: its manifest and the one file that is executed. */
export interface ConnectorSource {
  /** The slug: the directory name. */
  slug: string;
  dir: string;
  manifest: PluginManifest;
  manifestFile: string;
  entryFile: string;
  /** Manifest warnings (unknown fields, and the PostHog quirks a third-party connector may have). */
  warnings: Issue[];
  /** How its plugin.json was judged: `official` under the workspace's plugins/, `legacy` anywhere else. */
  strictness: ManifestStrictness;
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
 * `official` for a connector of the workspace's catalog (`<root>/plugins/<slug>`), `legacy` for any
 * other directory (a third-party connector being run or installed): see `validateManifest`.
 */
export function manifestStrictnessFor(dir: string): ManifestStrictness {
  const root = findWorkspaceRoot(dir);
  return root && dirname(resolve(dir)) === join(root, "plugins") ? "official" : "legacy";
}

/** PostHog's rule: `main` if set, else index.js, else index.ts. */
function findEntry(dir: string, manifest: PluginManifest, manifestFile: string): string {
  const candidates = manifest.main ? [manifest.main] : ["index.js", "index.ts"];
  const found = candidates.map((file) => join(dir, file)).find((file) => existsSync(file));
  if (found) return found;
  const expected = manifest.main ? `"main": "${manifest.main}" in ${manifestFile}` : "index.js or index.ts";
  throw new PluginLoadError(`Connector in ${dir} has no entry file: expected ${expected}. Fix: create it, or point "main" at the file that exports the hooks.`);
}

/**
 * Resolves a workspace slug or a directory to its manifest and entry file.
 *
 * @throws PluginLoadError when nothing is there or there is no entry file
 * @throws ManifestError when plugin.json is missing or invalid
 */
export async function resolveConnectorSource(target: string, cwd: string = process.cwd()): Promise<ConnectorSource> {
  const dir = resolveTargetDir(target, cwd);
  const strictness = manifestStrictnessFor(dir);
  const { manifest, file, warnings } = await readManifest(dir, { strictness });
  return { slug: basename(dir), dir, manifest, manifestFile: file, entryFile: findEntry(dir, manifest, file), warnings, strictness };
}
