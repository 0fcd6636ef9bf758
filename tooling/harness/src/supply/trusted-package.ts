import { realpathSync } from "node:fs";
import { dirname, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { findWorkspaceRoot } from "../load/resolve-source.ts";
import { isInside } from "./is-inside.ts";

let harnessRoot: string | null | undefined;

/** The checkout the harness itself runs from (undefined when it is installed outside a workspace). */
export function harnessWorkspaceRoot(): string | undefined {
  if (harnessRoot === undefined) {
    const found = findWorkspaceRoot(dirname(fileURLToPath(import.meta.url)));
    harnessRoot = found ? realpathSync(found) : null;
  }
  return harnessRoot ?? undefined;
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The workspace-relative folder (`plugins/x`) when `dir` is a package of the checkout the harness
 * runs from, outside any node_modules and the install folder `.connectors/`; undefined otherwise.
 * Those packages are the trusted ones (main's workspace packages): they are bundled with their
 * declared dependencies and may run in-process. Everything else (installed, downloaded, a folder
 * elsewhere) runs only in the sandbox unless the caller explicitly trusts it.
 */
export function workspacePackagePath(dir: string): string | undefined {
  const root = harnessWorkspaceRoot();
  const real = realpathOrUndefined(dir);
  if (!root || !real || real === root || !isInside(root, real)) return undefined;
  const rel = relative(root, real);
  return rel.split(sep).some((part) => part === "node_modules" || part === ".connectors") ? undefined : rel.split(sep).join("/");
}

/** True when `dir` is a trusted workspace package (see {@link workspacePackagePath}). */
export function isWorkspacePackage(dir: string): boolean {
  return workspacePackagePath(dir) !== undefined;
}
