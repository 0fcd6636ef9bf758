import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ConnectorsError } from "@connectors/plugin-api";
import { createGitHubClient } from "@connectors/review";
import { handleApprovalEvent } from "./handle-event.ts";

/** Usage of the approvals command. */
export const APPROVALS_USAGE = `Usage: tsx tooling/approvals/src/bin.ts handle [--root DIR] [--message-file FILE] [--dry-run] [--api-url URL]

Handles the GitHub event in GITHUB_EVENT_NAME / GITHUB_EVENT_PATH (issue_comment, pull_request_review,
pull_request_target closed) for GITHUB_REPOSITORY with GITHUB_TOKEN: replies on the pull request, and on
/revoke or a merge rewrites <root>/registry/approved.json. Maintainers: owners of registry/approved.json
in <root>/.github/CODEOWNERS with write access. CONNECTORS_TEAM_TOKEN (optional) reads @org/team
membership. Writes changed=true|false to GITHUB_OUTPUT and the commit message to --message-file.`;

/** Thrown for a bad command line or missing environment. */
export class ApprovalsUsageError extends ConnectorsError {
  constructor(message: string) {
    super("APPROVALS_USAGE", `${message}\n\n${APPROVALS_USAGE}`);
  }
}

/**
 * The approvals CLI (`bin.ts`): reads the event and environment, runs {@link handleApprovalEvent}, prints
 * the log. Returns the exit code.
 *
 * @throws ApprovalsUsageError for a missing token, repository or event
 */
export async function runApprovalsCli(argv: string[], env: NodeJS.ProcessEnv, stdout: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { root: { type: "string" }, "message-file": { type: "string" }, "dry-run": { type: "boolean" }, "api-url": { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help || positionals[0] !== "handle") {
    stdout(`${APPROVALS_USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
  if (!env.GITHUB_TOKEN) throw new ApprovalsUsageError("GITHUB_TOKEN is not set");
  if (!owner || !repo) throw new ApprovalsUsageError("GITHUB_REPOSITORY must be owner/name");
  if (!env.GITHUB_EVENT_NAME || !env.GITHUB_EVENT_PATH) throw new ApprovalsUsageError("GITHUB_EVENT_NAME and GITHUB_EVENT_PATH must be set (run it in the approvals workflow)");
  const root = values.root ?? process.cwd();
  const baseUrl = values["api-url"] ?? env.GITHUB_API_URL;
  const client = (token: string) => createGitHubClient({ token, ...(baseUrl ? { baseUrl } : {}), ...(env.CONNECTORS_GITHUB_PACING === "0" ? { pacing: false, retryBaseMs: 1 } : {}) });
  const result = await handleApprovalEvent({
    octokit: client(env.GITHUB_TOKEN),
    ...(env.CONNECTORS_TEAM_TOKEN ? { teamOctokit: client(env.CONNECTORS_TEAM_TOKEN) } : {}),
    repo: { owner, repo },
    eventName: env.GITHUB_EVENT_NAME,
    payload: JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")) as Record<string, unknown>,
    codeowners: readFileSync(join(root, ".github/CODEOWNERS"), "utf8"),
    approvalsFile: join(root, "registry/approved.json"),
    ...(values["dry-run"] ? { dryRun: true } : {}),
  });
  stdout(result.log.length ? `${result.log.join("\n")}\n` : "no approval command in this event\n");
  if (values["message-file"] && result.wroteApprovals) writeFileSync(values["message-file"], `approvals: ${result.summary.join("; ")}\n`);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `changed=${result.wroteApprovals}\n`);
  return 0;
}
