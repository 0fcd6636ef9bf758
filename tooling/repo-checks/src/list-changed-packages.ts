import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { parsePnpmList, type WorkspacePackage } from "./plan-test-shards.ts";

const run = promisify(execFile);

/** Options for {@link listChangedPackages}. */
export interface ListChangedOptions {
  /** Repository root (default `process.cwd()`). */
  root?: string;
  /** Git ref to diff against; when undefined every package counts as changed. */
  since?: string | undefined;
}

/**
 * The workspace packages affected since a git ref: changed ones plus their dependents, via
 * `pnpm list --filter "...[<since>]"` (Markdown-only changes are ignored). When a file outside every
 * package changed (lockfile, tsconfig.base.json, turbo.json, .github) every package is returned, the
 * same conservative answer turbo gives for its global inputs.
 *
 * @throws Error when pnpm fails (for example an unknown ref: fetch with `fetch-depth: 0`)
 * @example
 * const packages = await listChangedPackages({ since: "origin/main" });
 */
export async function listChangedPackages(options: ListChangedOptions = {}): Promise<WorkspacePackage[]> {
  const root = options.root ?? process.cwd();
  const all = await pnpmList(root, []);
  if (options.since === undefined) return all;
  const changed = await pnpmList(root, [`--filter=...[${options.since}]`, "--changed-files-ignore-pattern=**/*.md"]);
  return changed.some((pkg) => pkg.dir === "") ? all : changed;
}

async function pnpmList(root: string, args: string[]): Promise<WorkspacePackage[]> {
  const { stdout } = await run("pnpm", ["list", "--recursive", "--depth=-1", "--json", ...args], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  return parsePnpmList(stdout, root);
}
