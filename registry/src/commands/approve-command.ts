import { execFileSync } from "node:child_process";
import { userInfo } from "node:os";
import { ConnectorsError } from "@connectors/plugin-api";
import { approveConnectors } from "../approvals/approve-connectors.ts";

/** Options of `pnpm registry approve`. */
export interface ApproveCommandOptions {
  root: string;
  slugs: string[];
  all: boolean;
  by?: string;
  override?: string;
  dryRun?: boolean;
  env?: NodeJS.ProcessEnv;
}

function gitConfig(root: string, key: string): string | undefined {
  try {
    return execFileSync("git", ["config", key], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Who approves: --by, else GITHUB_ACTOR, else `git config github.user`, else `git config user.name`, else the OS user. */
function approverOf(options: ApproveCommandOptions): string {
  const env = options.env ?? process.env;
  const who = options.by ?? env.GITHUB_ACTOR ?? gitConfig(options.root, "github.user") ?? gitConfig(options.root, "user.name") ?? userInfo().username;
  if (!who?.trim()) throw new ConnectorsError("USAGE", "registry approve cannot tell who approves. Fix: pass --by <your GitHub login>.");
  return who.trim();
}

/**
 * `pnpm registry approve <slug…> | --all [--by LOGIN] [--override REASON] [--dry-run]`: reviews the
 * connectors and records their approvals with the review digest in registry/approved.json. Prints
 * one line per connector; returns 1 when any was refused.
 */
export async function runApproveCommand(options: ApproveCommandOptions, log: (line: string) => void = console.log): Promise<number> {
  if (!options.all && options.slugs.length === 0) throw new ConnectorsError("USAGE", "registry approve needs slugs or --all. Fix: e.g. `pnpm registry approve hello-world`.");
  const { outcomes } = await approveConnectors({
    root: options.root,
    slugs: options.all ? "all" : options.slugs,
    approvedBy: approverOf(options),
    ...(options.override ? { override: options.override } : {}),
    ...(options.dryRun ? { dryRun: true } : {}),
  });
  for (const o of outcomes) log(`  ${o.result.padEnd(11)} ${o.connector}  ${o.reviewDigest.slice(0, 19)}…${o.detail ? `  ${o.detail}` : ""}`);
  const count = (result: string) => outcomes.filter((o) => o.result === result).length;
  log(`${count("approved")} approved, ${count("re-approved")} re-approved, ${count("unchanged")} unchanged, ${count("refused")} refused${options.dryRun ? " (dry run: registry/approved.json not written)" : ""}`);
  return count("refused") ? 1 : 0;
}
