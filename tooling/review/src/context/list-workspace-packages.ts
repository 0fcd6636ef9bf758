import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

function packageName(dir: string): string | undefined {
  try {
    const name = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown }).name;
    return typeof name === "string" ? name : undefined;
  } catch {
    return undefined;
  }
}

/** Folders a `pnpm-workspace.yaml` pattern names (`tooling/*` or a single folder). */
function expand(root: string, pattern: string): string[] {
  const clean = pattern.replace(/^\.\//, "").replace(/\/+$/, "");
  if (!clean.endsWith("/*")) return [join(root, clean)];
  const parent = join(root, clean.slice(0, -2));
  if (!existsSync(parent)) return [];
  return readdirSync(parent, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => join(parent, entry.name));
}

/**
 * Names of the workspace packages of the repository at `root` (the packages `pnpm-workspace.yaml`
 * lists): a connector must take them as `workspace:*`, never a same-named package from a registry.
 * Reads only the trusted checkout the review runs in; empty outside a workspace.
 */
export function listWorkspacePackages(root: string): string[] {
  const cached = known.get(root);
  if (cached) return cached;
  const names = readWorkspacePackages(root);
  known.set(root, names);
  return names;
}

const known = new Map<string, string[]>();

function readWorkspacePackages(root: string): string[] {
  let patterns: unknown;
  try {
    patterns = (parse(readFileSync(join(root, "pnpm-workspace.yaml"), "utf8")) as { packages?: unknown } | null)?.packages;
  } catch {
    return [];
  }
  if (!Array.isArray(patterns)) return [];
  const names = patterns.filter((p): p is string => typeof p === "string" && !p.startsWith("!")).flatMap((p) => expand(root, p)).map(packageName);
  return [...new Set(names.filter((name): name is string => name !== undefined))].sort();
}
