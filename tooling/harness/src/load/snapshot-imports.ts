import { isBuiltin } from "node:module";
import { dirname, join } from "node:path";
import type { OnLoadArgs, OnLoadResult, OnResolveArgs, OnResolveResult, Plugin as EsbuildPlugin, PluginBuild } from "esbuild";
import { findWorkspaceRoot } from "./resolve-source.ts";
import type { PackageSnapshot } from "../supply/package-snapshot.ts";
import { forbiddenImportMessage, hostModuleName, toolkitPackageName } from "./host-modules.ts";
import { loaderFor, refusedAttributes } from "./import-loader.ts";
import { readDependencyFile } from "./read-dependency-file.ts";
import { resolveBundledPackage, resolveRelativeImport } from "./resolve-snapshot-import.ts";
import { resolveToolkitFile, toolkitPackageDir } from "./toolkit-location.ts";

/** The namespace of the package's own files, served from the snapshot. */
export const SNAPSHOT_NAMESPACE = "snapshot";
/** The namespace of files read from disk: the toolkit and a trusted package's declared dependencies. */
export const DEPENDENCY_NAMESPACE = "dependency";

/** What the plugin reports back to the bundler. */
export interface ImportRecord {
  hostModules: Set<string>;
  /** Real paths of every file read from disk (toolkit, dependencies). */
  diskFiles: Set<string>;
}

/** The folders a file read from disk may lie in; carried on each such file. */
interface DiskScope {
  roots: string[];
  /** Toolkit files may import only host modules and the toolkit. */
  toolkit?: boolean;
}

const SKIP = Symbol.for("connectors.snapshot-imports.skip");
const isRelative = (specifier: string) => specifier === "." || specifier === ".." || specifier.startsWith("./") || specifier.startsWith("../");

function fail(text: string): OnResolveResult {
  return { errors: [{ text }] };
}

function declaredDependencies(snapshot: PackageSnapshot): Set<string> {
  const deps = snapshot.packageJson?.dependencies;
  return new Set(typeof deps === "object" && deps !== null ? Object.keys(deps) : []);
}

function packageName(specifier: string): string {
  return specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
}

/**
 * esbuild plugin that makes the package snapshot the only source of the connector's own files:
 * relative imports resolve inside the snapshot (never outside the package), import attributes other
 * than `{ type: "json" }` are refused, host modules stay external, the toolkit comes from the
 * harness's installation, and other bare imports resolve only to (a) a trusted package's declared
 * dependencies via Node resolution, every file checked to lie in the workspace's node_modules or the
 * package, or (b) for untrusted sources, packages bundled in the snapshot's own node_modules.
 */
export function snapshotImports(snapshot: PackageSnapshot, record: ImportRecord, maxFileBytes: number): EsbuildPlugin {
  const declared = declaredDependencies(snapshot);
  const workspace = snapshot.dir ? findWorkspaceRoot(snapshot.dir) : undefined;
  const dependencyRoots = snapshot.dir ? [snapshot.dir, ...(workspace ? [join(workspace, "node_modules")] : [])] : [];

  async function resolveOnDisk(build: PluginBuild, args: OnResolveArgs, resolveDir: string, scope: DiskScope, what: string): Promise<OnResolveResult> {
    const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir, importer: args.importer, pluginData: SKIP });
    if (resolved.errors.length || !resolved.path) return fail(`Cannot resolve ${what} "${args.path}"${resolved.errors[0] ? `: ${resolved.errors[0].text}` : ""}`);
    return { path: resolved.path, namespace: DEPENDENCY_NAMESPACE, pluginData: scope };
  }

  async function resolveBare(build: PluginBuild, args: OnResolveArgs): Promise<OnResolveResult> {
    const host = hostModuleName(args.path);
    if (host) {
      record.hostModules.add(host);
      return { path: args.path, external: true };
    }
    if (isBuiltin(args.path)) return fail(forbiddenImportMessage(args.path));
    const toolkit = toolkitPackageName(args.path);
    if (toolkit) {
      const dir = toolkitPackageDir(toolkit);
      if (!dir) return fail(`Cannot import "${args.path}": the connectors toolkit package ${toolkit} is not installed next to the harness. Fix: install ${toolkit} alongside @connectors/harness`);
      const file = resolveToolkitFile(dir, args.path.slice(toolkit.length), args.kind === "require-call");
      if (!file) return fail(`Cannot import "${args.path}": ${toolkit} has no such export. Fix: import ${toolkit} or one of the subpaths its package.json exports`);
      return { path: file, namespace: DEPENDENCY_NAMESPACE, pluginData: { roots: [dir], toolkit: true } satisfies DiskScope };
    }
    if (args.namespace === DEPENDENCY_NAMESPACE) {
      const scope = args.pluginData as DiskScope;
      if (scope.toolkit) return fail(forbiddenImportMessage(args.path));
      return resolveOnDisk(build, args, dirname(args.importer), scope, "dependency");
    }
    if (snapshot.trusted && snapshot.dir) {
      if (!declared.has(packageName(args.path))) return fail(forbiddenImportMessage(args.path));
      return resolveOnDisk(build, args, join(snapshot.dir, dirname(args.importer)), { roots: dependencyRoots }, "dependency");
    }
    const bundled = resolveBundledPackage(snapshot.files, args.importer, args.path, args.kind === "require-call");
    if (bundled && "path" in bundled) return { path: bundled.path, namespace: SNAPSHOT_NAMESPACE };
    return fail(bundled ? `Cannot import "${args.path}": ${bundled.error}` : `${forbiddenImportMessage(args.path)} A connector that is not a workspace package may use only host modules, the connectors toolkit and packages bundled in its own node_modules (bundleDependencies).`);
  }

  async function onResolve(build: PluginBuild, args: OnResolveArgs): Promise<OnResolveResult | undefined> {
    if (args.pluginData === SKIP) return undefined;
    if (args.kind === "entry-point") return { path: snapshot.main, namespace: SNAPSHOT_NAMESPACE };
    const refused = refusedAttributes(args.with);
    if (refused) return fail(`Cannot import "${args.path}": ${refused}`);
    if (args.path.startsWith("/") || /^[a-zA-Z]:[\\/]/.test(args.path)) return fail(`Cannot import "${args.path}": absolute paths are not allowed. Fix: import files of the package with a relative path`);
    if (!isRelative(args.path)) return resolveBare(build, args);
    if (args.namespace === DEPENDENCY_NAMESPACE) return resolveOnDisk(build, args, dirname(args.importer), args.pluginData as DiskScope, "file");
    const resolved = resolveRelativeImport(snapshot.files, args.importer, args.path);
    return "path" in resolved ? { path: resolved.path, namespace: SNAPSHOT_NAMESPACE } : fail(`Cannot import "${args.path}": ${resolved.error}`);
  }

  function loadFromSnapshot(args: OnLoadArgs): OnLoadResult {
    const loader = loaderFor(args.path, args.with);
    if (!loader) return { errors: [{ text: `Cannot import "${args.path}": only TypeScript, JavaScript and JSON files can be imported` }] };
    return { contents: snapshot.files.get(args.path)!, loader };
  }

  function loadFromDisk(args: OnLoadArgs): OnLoadResult {
    const loader = loaderFor(args.path, args.with);
    if (!loader) return { errors: [{ text: `Cannot import "${args.path}": only TypeScript, JavaScript and JSON files can be imported` }] };
    const read = readDependencyFile(args.path, (args.pluginData as DiskScope).roots, maxFileBytes);
    if (!read.ok) return { errors: [{ text: `Cannot import "${args.path}": ${read.reason}` }] };
    record.diskFiles.add(read.realPath);
    return { contents: read.bytes, loader, resolveDir: dirname(args.path), pluginData: args.pluginData };
  }

  return {
    name: "snapshot-imports",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => onResolve(build, args));
      build.onLoad({ filter: /.*/, namespace: SNAPSHOT_NAMESPACE }, loadFromSnapshot);
      build.onLoad({ filter: /.*/, namespace: DEPENDENCY_NAMESPACE }, loadFromDisk);
    },
  };
}
