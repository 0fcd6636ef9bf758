import type { Octokit } from "octokit";
import { readApprovals, writeApprovals, type Approvals } from "@connectors/registry";
import { renderApprovalMarker, type AcceptedApproval } from "./approval-marker.ts";
import { decideApproval, decideInvalidCommand } from "./decide-approval.ts";
import { decideMerge } from "./decide-merge.ts";
import { decideRevocation } from "./decide-revocation.ts";
import { createMaintainerCheck } from "./github/check-maintainer.ts";
import { readPullRequest, type RepoRef } from "./github/read-pull-request.ts";
import { parseCommand } from "./parse-command.ts";
import type { Action, Command, MaintainerCheck } from "./types.ts";

/** The bot account GITHUB_TOKEN writes as; only its comments are trusted for hidden markers. */
export const DEFAULT_BOT_LOGIN = "github-actions[bot]";

/** Options of {@link handleApprovalEvent}. */
export interface HandleEventOptions {
  octokit: Octokit;
  /** Token for reading `@org/team` membership (org `members: read`); default `octokit`. */
  teamOctokit?: Octokit;
  repo: RepoRef;
  /** GITHUB_EVENT_NAME: `issue_comment`, `pull_request_review`, `pull_request_target` / `pull_request` (closed). */
  eventName: string;
  /** The webhook payload (GITHUB_EVENT_PATH). */
  payload: Record<string, any>;
  /** .github/CODEOWNERS of the default branch. */
  codeowners: string;
  /** registry/approved.json of the default branch checkout; written on revocations and merges. */
  approvalsFile: string;
  botLogin?: string;
  /** Clock (ISO string); default the wall clock. */
  now?: () => string;
  /** Decide and print, write nothing. */
  dryRun?: boolean;
}

/** What handling an event decided and did. */
export interface HandleEventResult {
  actions: Action[];
  /** One line per write (or skipped write), for the job log. */
  log: string[];
  /** True when registry/approved.json was rewritten (the workflow commits it). */
  wroteApprovals: boolean;
  /** Commit message lines for the approvals change. */
  summary: string[];
}

/**
 * Handles one GitHub event for the approval flow: reads the state (PR, sticky review, CODEOWNERS,
 * permissions, approved.json), runs the pure decision, and applies the actions (bot replies, hidden
 * approval acknowledgements, approved.json writes through the registry's helpers).
 */
export async function handleApprovalEvent(options: HandleEventOptions): Promise<HandleEventResult> {
  const now = options.now ?? (() => new Date().toISOString().replace(/\.\d{3}Z$/, "Z"));
  const botLogin = options.botLogin ?? DEFAULT_BOT_LOGIN;
  const isMaintainer = createMaintainerCheck({ octokit: options.octokit, ...options.repo, codeowners: options.codeowners, ...(options.teamOctokit ? { teamOctokit: options.teamOctokit } : {}) });
  const { payload } = options;
  const read = () => readApprovals(options.approvalsFile);
  let actions: Action[] = [];
  let issueNumber: number | undefined;

  async function approve(actor: string, command: Extract<Command, { kind: "approve" }>, via: "comment" | "review", number: number, reviewCommit?: string): Promise<Action[]> {
    const maintainer = await isMaintainer(actor);
    if (!maintainer.ok) return decideApproval({ actor, maintainer, command, via, pr: { number, headSha: "", open: true, merged: false }, versions: {}, approvals: { approved: [], revoked: [] }, now: now() });
    const data = await readPullRequest(options.octokit, options.repo, number, botLogin);
    if (reviewCommit && reviewCommit !== data.pr.headSha) {
      return decideInvalidCommand(actor, `your review approval is for \`${reviewCommit.slice(0, 7)}\`, but the pull request is now at \`${data.pr.headSha.slice(0, 7)}\`; approve the latest commit`);
    }
    return decideApproval({ actor, maintainer, command, via, pr: data.pr, ...(data.review ? { review: data.review } : {}), versions: data.versions, approvals: await read(), now: now() });
  }

  if (options.eventName === "issue_comment" && payload.action === "created") {
    const comment = payload.comment ?? {};
    const actor: string = comment.user?.login ?? "";
    const command = comment.user?.type === "Bot" || actor === botLogin ? undefined : parseCommand(comment.body);
    issueNumber = payload.issue?.number;
    if (!command) actions = [];
    else if (command.kind === "invalid") actions = decideInvalidCommand(actor, command.message);
    else if (command.kind === "revoke") actions = decideRevocation({ actor, maintainer: await isMaintainer(actor), command, approvals: await read(), now: now() });
    else if (!payload.issue?.pull_request) actions = decideInvalidCommand(actor, "`/approve` works on a pull request that changes a connector, not on an issue");
    else actions = await approve(actor, command, "comment", issueNumber!);
  } else if (options.eventName === "pull_request_review" && payload.action === "submitted" && String(payload.review?.state).toLowerCase() === "approved") {
    const actor: string = payload.review.user?.login ?? "";
    issueNumber = payload.pull_request?.number;
    const command = parseCommand(payload.review.body) ?? { kind: "approve" as const };
    if (command.kind === "invalid") actions = decideInvalidCommand(actor, command.message);
    else if (command.kind === "revoke") actions = decideInvalidCommand(actor, "`/revoke` goes in a comment, not in a review approval");
    else if (!parseCommand(payload.review.body) && !(await isMaintainer(actor)).ok) actions = []; // an ordinary community review: not an approval attempt
    else actions = await approve(actor, command, "review", issueNumber!, payload.review.commit_id);
  } else if (/^pull_request(_target)?$/.test(options.eventName) && payload.action === "closed" && payload.pull_request?.merged) {
    issueNumber = payload.pull_request.number;
    actions = await decideOnMerge(options, issueNumber!, botLogin, isMaintainer, await read(), now);
  }
  return applyActions(options, issueNumber, actions);
}

async function decideOnMerge(options: HandleEventOptions, number: number, botLogin: string, isMaintainer: (login: string) => Promise<MaintainerCheck>, approvals: Approvals, now: () => string): Promise<Action[]> {
  const data = await readPullRequest(options.octokit, options.repo, number, botLogin);
  const accepted: AcceptedApproval[] = [...data.accepted];
  for (const review of data.reviewApprovals.filter((r) => r.commitId === data.pr.headSha)) {
    const command = parseCommand(review.body);
    if (command && command.kind !== "approve") continue;
    const maintainer = await isMaintainer(review.login);
    if (!maintainer.ok) continue;
    const decided = decideApproval({ actor: review.login, maintainer, command: command ?? { kind: "approve" }, via: "review", pr: { ...data.pr, open: true, merged: false }, ...(data.review ? { review: data.review } : {}), versions: data.versions, approvals, now: review.submittedAt || now() });
    for (const action of decided) if (action.kind === "accept-approval") accepted.push({ approval: action.approval, headSha: action.headSha });
  }
  const maintainers = Object.fromEntries(await Promise.all([...new Set(accepted.map((a) => a.approval.approvedBy))].map(async (login) => [login, await isMaintainer(login)] as const)));
  return decideMerge({ pr: { number, headSha: data.pr.headSha, merged: data.pr.merged }, accepted, ...(data.review ? { review: data.review } : {}), maintainers, approvals });
}

async function applyActions(options: HandleEventOptions, issueNumber: number | undefined, actions: Action[]): Promise<HandleEventResult> {
  const log: string[] = [];
  const summary: string[] = [];
  let wroteApprovals = false;
  const markers = actions.filter((a) => a.kind === "accept-approval").map((a) => renderApprovalMarker({ approval: a.approval, headSha: a.headSha }));
  for (const action of actions) {
    if (action.kind === "write-approvals") {
      summary.push(...action.summary);
      if (options.dryRun) log.push(`would write ${options.approvalsFile}: ${action.summary.join("; ")}`);
      else {
        await writeApprovals(options.approvalsFile, action.approvals);
        wroteApprovals = true;
        log.push(`wrote ${options.approvalsFile}: ${action.summary.join("; ")}`);
      }
    } else if (action.kind === "reply" && issueNumber) {
      const body = [action.body, ...markers].join("\n\n");
      if (options.dryRun) {
        log.push(`would reply on #${issueNumber}: ${action.body.split("\n")[0]}`);
        continue;
      }
      try {
        await options.octokit.rest.issues.createComment({ ...options.repo, issue_number: issueNumber, body });
        log.push(`replied on #${issueNumber}: ${action.body.split("\n")[0]}`);
      } catch (error) {
        // pull_request_review events from forks get a read-only token: the approval still counts at merge.
        log.push(`could not reply on #${issueNumber} (HTTP ${(error as { status?: number }).status ?? "?"}): ${action.body.split("\n")[0]}`);
      }
    }
  }
  return { actions, log, wroteApprovals, summary };
}
