import type { Octokit } from "octokit";
import { COMMENT_MARKER } from "../report/review-state.ts";
import type { IssueComment } from "./capability-acknowledgements.ts";
import type { PullRequestRef } from "./pull-request-ref.ts";

/** Every comment on the PR's conversation. */
export async function listIssueComments(octokit: Octokit, pr: PullRequestRef): Promise<IssueComment[]> {
  return octokit.paginate(octokit.rest.issues.listComments, { owner: pr.owner, repo: pr.repo, issue_number: pr.number, per_page: 100 });
}

/** The bot's previous comments on the PR: those whose body holds the hidden marker. */
export async function findStickyComments(octokit: Octokit, pr: PullRequestRef, listed?: readonly IssueComment[]): Promise<{ id: number; body?: string }[]> {
  const comments = listed ?? (await listIssueComments(octokit, pr));
  return comments.filter((comment) => comment.body?.includes(COMMENT_MARKER)).map((comment) => ({ id: comment.id, body: comment.body ?? undefined }));
}

/**
 * Creates the sticky review comment, or updates it in place when it exists; stray duplicates (from
 * a race between two runs) are deleted, so the PR always shows exactly one.
 *
 * @returns the comment id and whether it was created or updated
 */
export async function upsertStickyComment(octokit: Octokit, pr: PullRequestRef, body: string, existing?: { id: number }[]): Promise<{ id: number; action: "created" | "updated" }> {
  const found = existing ?? (await findStickyComments(octokit, pr));
  const [first, ...duplicates] = found;
  for (const duplicate of duplicates) await octokit.rest.issues.deleteComment({ owner: pr.owner, repo: pr.repo, comment_id: duplicate.id });
  if (first) {
    await octokit.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: first.id, body });
    return { id: first.id, action: "updated" };
  }
  const { data } = await octokit.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body });
  return { id: data.id, action: "created" };
}
