import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { exports as resolveExports } from "resolve.exports";
import { harnessWorkspaceRoot } from "../supply/trusted-package.ts";
import { toPackagePath } from "../supply/package-path.ts";

const locations = new Map<string, string | null>();

function packageDirFrom(base: string, name: string): string | undefined {
  try {
    return realpathSync(dirname(createRequire(base).resolve(`${name}/package.json`)));
  } catch {
    return undefined;
  }
}

/**
 * Where a toolkit package is installed for the harness itself: resolved from the harness's own
 * package, else from the root of the workspace the harness belongs to (the root package.json lists
 * the toolkit). Never from a connector's package. Undefined when it is not installed.
 */
export function toolkitPackageDir(name: string): string | undefined {
  if (!locations.has(name)) {
    const root = harnessWorkspaceRoot();
    const found = packageDirFrom(import.meta.url, name) ?? (root ? packageDirFrom(join(root, "package.json"), name) : undefined);
    locations.set(name, found ?? null);
  }
  return locations.get(name) ?? undefined;
}

/**
 * The file a toolkit import names (`""` for the package, `"/pg"` for a subpath), read from the
 * toolkit package's own `exports`; undefined when it exports no such subpath or points outside itself.
 */
export function resolveToolkitFile(packageDir: string, subpath: string, require: boolean): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as Record<string, unknown>;
    const target = resolveExports(pkg, `.${subpath}`, { require, conditions: ["node"] })?.[0];
    const inside = target ? toPackagePath(target) : undefined;
    return inside ? join(packageDir, inside) : undefined;
  } catch {
    return undefined;
  }
}
