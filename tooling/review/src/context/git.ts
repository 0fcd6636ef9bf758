import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Runs git in `cwd` and returns stdout; rejects with git's stderr. */
export async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run("git", args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" });
  return stdout;
}

/** Runs git and returns undefined instead of throwing (a missing ref, a file absent at a ref). */
export async function tryGit(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    return await git(cwd, args);
  } catch {
    return undefined;
  }
}

/**
 * The ref to compare against: the given one, else `origin/main`, else `main`; then the merge base
 * with HEAD so commits that landed on main after the branch point do not count as the PR's.
 */
export async function resolveBase(cwd: string, base?: string): Promise<{ ref: string; sha: string } | undefined> {
  for (const ref of base ? [base] : ["origin/main", "main"]) {
    const sha = (await tryGit(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]))?.trim();
    if (!sha) continue;
    const mergeBase = (await tryGit(cwd, ["merge-base", sha, "HEAD"]))?.trim();
    return { ref, sha: mergeBase || sha };
  }
  return undefined;
}

/** One changed path from `git diff --name-status`. */
export interface ChangedPath {
  status: "added" | "modified" | "deleted";
  path: string;
  /** Not yet known to git: every line counts as added. */
  untracked?: boolean;
}

/** Paths changed between `baseSha` and the working tree (committed, staged, unstaged and untracked). */
export async function listChangedPaths(cwd: string, baseSha: string): Promise<ChangedPath[]> {
  const out = await git(cwd, ["diff", "--name-status", "-z", "--no-renames", baseSha, "--"]);
  const parts = out.split("\0").filter(Boolean);
  const changes: ChangedPath[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const code = parts[i]![0];
    changes.push({ status: code === "A" ? "added" : code === "D" ? "deleted" : "modified", path: parts[i + 1]! });
  }
  const untracked = (await tryGit(cwd, ["ls-files", "--others", "--exclude-standard", "-z"])) ?? "";
  for (const path of untracked.split("\0").filter(Boolean)) changes.push({ status: "added", path, untracked: true });
  return changes;
}

/** A file's content at a ref, or undefined when it did not exist there. */
export async function showFileAt(cwd: string, sha: string, path: string): Promise<string | undefined> {
  return tryGit(cwd, ["show", `${sha}:${path}`]);
}

/** Lines the working tree adds to `paths` relative to `baseSha`, with their new line numbers. */
export async function listAddedLines(cwd: string, baseSha: string, paths: string[]): Promise<{ file: string; line: number; text: string }[]> {
  if (paths.length === 0) return [];
  const diff = (await tryGit(cwd, ["diff", "--unified=0", "--no-color", "--no-renames", baseSha, "--", ...paths])) ?? "";
  const added: { file: string; line: number; text: string }[] = [];
  let file = "";
  let line = 0;
  for (const text of diff.split("\n")) {
    if (text.startsWith("+++ ")) file = text.startsWith("+++ b/") ? text.slice(6) : "";
    else if (text.startsWith("@@")) line = Number(/\+(\d+)/.exec(text)?.[1] ?? 0);
    else if (text.startsWith("+") && file) added.push({ file, line: line++, text: text.slice(1) });
  }
  return added;
}
