import { posix } from "node:path";
import { exports as resolveExports, legacy as resolveLegacy } from "resolve.exports";
import { joinPackagePath, toPackagePath } from "../supply/package-path.ts";
import { RESOLVE_EXTENSIONS } from "./import-loader.ts";

/** A snapshot import resolved to a package path, or why it cannot be. */
export type SnapshotResolution = { path: string } | { error: string };

const TS_FOR_JS: Readonly<Record<string, string[]>> = { ".js": [".ts", ".tsx"], ".jsx": [".tsx"], ".mjs": [".mts"], ".cjs": [".cts"] };

/** The file a package path names, trying TypeScript's `.js`→`.ts` rewrite, the extensions, then `index.*`. */
export function findSnapshotFile(files: ReadonlyMap<string, Buffer>, path: string): string | undefined {
  if (files.has(path)) return path;
  const ext = posix.extname(path);
  for (const ts of TS_FOR_JS[ext] ?? []) if (files.has(path.slice(0, -ext.length) + ts)) return path.slice(0, -ext.length) + ts;
  for (const candidate of RESOLVE_EXTENSIONS) if (files.has(path + candidate)) return path + candidate;
  for (const candidate of RESOLVE_EXTENSIONS) if (files.has(`${path}/index${candidate}`)) return `${path}/index${candidate}`;
  return undefined;
}

/**
 * Resolves a relative import (`./lib/x`, `../y.json`) of `importer` to a file of the snapshot.
 * An import that climbs out of the package or is absolute is refused, never looked up.
 */
export function resolveRelativeImport(files: ReadonlyMap<string, Buffer>, importer: string, specifier: string): SnapshotResolution {
  const path = joinPackagePath(importer, specifier);
  if (!path) return { error: "it points outside the package. Fix: connectors may import only files inside their own package" };
  const found = findSnapshotFile(files, path);
  return found ? { path: found } : { error: `it is not a file of the package (looked for ${path} with .ts/.js/.json and index files). Fix: check the path, and that the file is in the package` };
}

function splitBare(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split("/");
  const size = specifier.startsWith("@") ? 2 : 1;
  return { name: parts.slice(0, size).join("/"), subpath: parts.length > size ? `./${parts.slice(size).join("/")}` : "." };
}

function packageJsonAt(files: ReadonlyMap<string, Buffer>, folder: string): Record<string, unknown> | undefined {
  const raw = files.get(`${folder}/package.json`);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function entryOf(pkg: Record<string, unknown>, subpath: string, require: boolean): string[] {
  if (pkg.exports !== undefined) {
    try {
      return resolveExports(pkg, subpath, { require, conditions: ["node"] }) ?? [];
    } catch {
      return [];
    }
  }
  if (subpath !== ".") return [subpath];
  const main = resolveLegacy(pkg, { fields: ["main", "module"] });
  return [typeof main === "string" ? main : "index"];
}

/**
 * Resolves a bare import to a package bundled inside the snapshot (`node_modules/<name>` in the
 * importer's folder or above, npm's lookup), using the package's `exports` (node/require|import
 * conditions), else `main`. Only the snapshot is consulted.
 */
export function resolveBundledPackage(files: ReadonlyMap<string, Buffer>, importer: string, specifier: string, require: boolean): SnapshotResolution | undefined {
  const { name, subpath } = splitBare(specifier);
  for (let folder = posix.dirname(importer); ; folder = posix.dirname(folder)) {
    const base = folder === "." ? `node_modules/${name}` : `${folder}/node_modules/${name}`;
    const pkg = packageJsonAt(files, base);
    if (pkg) {
      for (const target of entryOf(pkg, subpath, require)) {
        const path = toPackagePath(posix.join(base, target));
        const found = path && path.startsWith(`${base}/`) ? findSnapshotFile(files, path) : undefined;
        if (found) return { path: found };
      }
      return { error: `it is bundled in ${base}, but its package.json names no file of it for "${subpath}"` };
    }
    if (folder === ".") return undefined;
  }
}
