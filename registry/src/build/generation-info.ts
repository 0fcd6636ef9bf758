import { execFileSync } from "node:child_process";

/** The commit a catalog is built from and the reproducible time stamped on it. */
export interface GenerationInfo {
  commit: string;
  time: string;
}

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The HEAD commit and a reproducible generation time: `SOURCE_DATE_EPOCH` (seconds) when set, else
 * the commit's committer time, else the Unix epoch. Never the wall clock, so two builds of one
 * commit are byte-identical.
 */
export function readGenerationInfo(root: string, env: NodeJS.ProcessEnv = process.env): GenerationInfo {
  const commit = git(root, ["rev-parse", "HEAD"]) ?? "unknown";
  const epoch = env.SOURCE_DATE_EPOCH ?? (commit === "unknown" ? undefined : git(root, ["log", "-1", "--format=%ct", "HEAD"]));
  const seconds = epoch !== undefined && /^\d+$/.test(epoch) ? Number(epoch) : 0;
  return { commit, time: new Date(seconds * 1000).toISOString() };
}
