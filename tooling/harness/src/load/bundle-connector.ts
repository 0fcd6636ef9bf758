import { statSync } from "node:fs";
import { join, relative } from "node:path";
import { build, type BuildResult, type Message } from "esbuild";
import { PluginLoadError } from "../errors.ts";
import type { PackageSnapshot } from "../supply/package-snapshot.ts";
import { resolveSupplyLimits, type SupplyLimits } from "../supply/supply-limits.ts";
import { harnessWorkspaceRoot } from "../supply/trusted-package.ts";
import { DEPENDENCY_NAMESPACE, SNAPSHOT_NAMESPACE, snapshotImports, type ImportRecord } from "./snapshot-imports.ts";

/** One connector as a single CommonJS file, host modules left as `require` calls. */
export interface ConnectorBundle {
  code: string;
  /** Host modules it requires (e.g. `crypto`, `@posthog/plugin-scaffold`). */
  hostModules: string[];
  /** Files that went into it: package paths of the snapshot, then files read from disk relative to the package folder (absolute without one). */
  inputs: string[];
  /** Source map (v3, JSON) of `code`: sources named as errors show them (`plugins/x/lib/y.ts`, or package-relative), contents included. */
  sourceMap: string;
}

/** Options of {@link bundleConnector}. */
export interface BundleOptions {
  /** Caps on files read from disk for dependencies (the per-file cap applies). */
  limits?: Partial<SupplyLimits>;
}

const MAX_CACHED = 64;
const cache = new Map<string, { bundle: ConnectorBundle; stamps: Map<string, number> }>();

/** How a file the bundler read is named in messages and source maps. */
export function displayPath(snapshot: PackageSnapshot, namespacedPath: string): string {
  const at = namespacedPath.indexOf(":");
  const namespace = at > 0 ? namespacedPath.slice(0, at) : "";
  const path = at > 0 ? namespacedPath.slice(at + 1) : namespacedPath;
  if (namespace === SNAPSHOT_NAMESPACE) return `${snapshot.displayRoot}${path}`;
  if (namespace === DEPENDENCY_NAMESPACE || namespace === "file") {
    const root = harnessWorkspaceRoot();
    return root && !relative(root, path).startsWith("..") ? relative(root, path) : path;
  }
  return namespacedPath;
}

function formatMessages(snapshot: PackageSnapshot, messages: readonly Message[]): string {
  return messages
    .map((m) => {
      const where = m.location ? `${displayPath(snapshot, m.location.file)}:${m.location.line}:${m.location.column + 1}: ` : "";
      return `  ${where}${m.text}`;
    })
    .join("\n");
}

function entryName(snapshot: PackageSnapshot): string {
  if (!snapshot.dir) return snapshot.main;
  const file = join(snapshot.dir, snapshot.main);
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}

function isFresh(stamps: Map<string, number>): boolean {
  for (const [file, mtime] of stamps) {
    try {
      if (statSync(file).mtimeMs !== mtime) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function remember(key: string, bundle: ConnectorBundle, diskFiles: Set<string>): void {
  const stamps = new Map<string, number>();
  for (const file of diskFiles) stamps.set(file, statSync(file).mtimeMs);
  cache.delete(key);
  cache.set(key, { bundle, stamps });
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
}

function renameSources(snapshot: PackageSnapshot, map: string): string {
  const parsed = JSON.parse(map) as { sources: string[]; sourceRoot?: string };
  parsed.sources = parsed.sources.map((source) => displayPath(snapshot, source));
  delete parsed.sourceRoot;
  return JSON.stringify(parsed);
}

function toInputs(snapshot: PackageSnapshot, result: BuildResult<{ metafile: true; write: false }>): string[] {
  return Object.keys(result.metafile.inputs).map((input) => {
    const at = input.indexOf(":");
    const path = input.slice(at + 1);
    if (input.slice(0, at) === SNAPSHOT_NAMESPACE) return path;
    return snapshot.dir ? relative(snapshot.dir, path) : path;
  });
}

/**
 * Bundles a connector from its package snapshot into one CommonJS file with esbuild, reading nothing
 * but the snapshot, the harness's toolkit and (for a trusted workspace package) its declared
 * dependencies: TypeScript is stripped without type-checking, JSON may be imported (`with { type:
 * "json" }` is the only attribute allowed), host modules stay `require` calls, and anything else
 * fails with PostHog's "Cannot import" error. The result carries a source map for error locations.
 * Bundles are cached by the snapshot's content hash until a file read from disk changes.
 *
 * @example
 * const bundle = await bundleConnector(await readPackageSnapshot("plugins/hello-world"));
 * @throws PluginLoadError naming the file, line and cause (syntax error, forbidden import, a path outside the package, ...)
 */
export async function bundleConnector(snapshot: PackageSnapshot, options: BundleOptions = {}): Promise<ConnectorBundle> {
  const key = `${snapshot.hash}\0${snapshot.trusted}\0${snapshot.dir ?? ""}\0${snapshot.displayRoot}\0${snapshot.main}`;
  const cached = cache.get(key);
  if (cached && isFresh(cached.stamps)) return cached.bundle;
  const record: ImportRecord = { hostModules: new Set(), diskFiles: new Set() };
  let result;
  try {
    result = await build({
      entryPoints: [snapshot.main],
      outfile: "connector.js",
      bundle: true,
      write: false,
      format: "cjs",
      platform: "node",
      target: "node20",
      keepNames: true,
      // Connectors that export nothing define bare top-level hooks; keep them for discovery.
      treeShaking: false,
      legalComments: "none",
      logLevel: "silent",
      metafile: true,
      sourcemap: "external",
      sourcesContent: true,
      plugins: [snapshotImports(snapshot, record, resolveSupplyLimits(options.limits).maxFileBytes)],
    });
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors ?? [];
    throw new PluginLoadError(`Cannot load ${entryName(snapshot)}:\n${formatMessages(snapshot, errors)}`, { cause: error });
  }
  const code = result.outputFiles.find((file) => file.path.endsWith(".js"))!.text;
  const map = result.outputFiles.find((file) => file.path.endsWith(".map"))!.text;
  const bundle: ConnectorBundle = { code, hostModules: [...record.hostModules].sort(), inputs: toInputs(snapshot, result), sourceMap: renameSources(snapshot, map) };
  remember(key, bundle, record.diskFiles);
  return bundle;
}
