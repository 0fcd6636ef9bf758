import { mkdirSync, mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { standaloneChildEnv } from "./child-env.ts";
import { runBudgeted, type ChildOutcome } from "./run-budgeted.ts";
import { StandaloneCheckError } from "./standalone-check-error.ts";

/** A temp dir outside the workspace where the check packs, scaffolds and installs, and how it runs commands there. */
export interface StandaloneSandbox {
  /** The temp dir (tarballs, HOME, the repository). */
  dir: string;
  /** The standalone repository's folder (`posthog-greet-plugin`, not yet written). */
  repo: string;
  /** Runs a command in the child environment ({@link standaloneChildEnv}), in the repository unless `cwd` says otherwise. */
  run(command: string, args: string[], options: { budgetMs: number; cwd?: string }): Promise<ChildOutcome>;
}

function isInside(dir: string, root: string): boolean {
  const path = relative(root, dir);
  return path === "" || (!path.startsWith(`..${sep}`) && path !== ".." && !path.startsWith(sep));
}

/** The store the workspace's `pnpm install` filled, asked of pnpm with the user's own environment. */
async function workspaceStoreDir(workspaceRoot: string, budgetMs: number): Promise<string> {
  const result = await runBudgeted("pnpm", ["store", "path"], { cwd: workspaceRoot, env: process.env, budgetMs });
  const storeDir = result.output.trim().split("\n").at(-1) ?? "";
  if (result.status !== 0 || !storeDir.startsWith("/")) throw new StandaloneCheckError("STANDALONE_CHECK_NO_STORE", `pnpm store path failed in ${workspaceRoot}:\n${result.output}\nFix: run pnpm install in the workspace first`);
  return storeDir;
}

/**
 * Makes the check's temp dir in `parent` (the test file's private TMPDIR). It must lie outside the workspace:
 * inside it, the repository's vitest and pnpm would find the workspace's config and lockfile above them.
 *
 * @throws StandaloneCheckError when `parent` is inside the workspace, or pnpm cannot name its store
 */
export async function openStandaloneSandbox(workspaceRoot: string, budgetMs: number, parent: string = tmpdir()): Promise<StandaloneSandbox> {
  const dir = realpathSync(mkdtempSync(join(parent, "standalone-")));
  if (isInside(dir, realpathSync(workspaceRoot))) {
    throw new StandaloneCheckError("STANDALONE_CHECK_INSIDE_WORKSPACE", `the temp dir ${dir} is inside the workspace ${workspaceRoot}, so the repository would pick up the workspace's config. Fix: set TMPDIR to a folder outside it`);
  }
  const home = join(dir, "home");
  mkdirSync(join(home, "tmp"), { recursive: true });
  const env = standaloneChildEnv(home, await workspaceStoreDir(workspaceRoot, budgetMs));
  const repo = join(dir, "posthog-greet-plugin");
  return { dir, repo, run: (command, args, { budgetMs: budget, cwd = repo }) => runBudgeted(command, args, { cwd, env, budgetMs: budget }) };
}
