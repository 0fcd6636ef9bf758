import type { Octokit } from "octokit";
import { COMMENT_MARKER, parseReviewDigest, type ReviewDigest } from "@connectors/review";
import { parseApprovalMarkers, type AcceptedApproval } from "../approval-marker.ts";
import type { PullRequestState } from "../types.ts";

/** A repository on GitHub. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** What the approval flow reads about one pull request. */
export interface PullRequestData {
  pr: PullRequestState;
  review?: ReviewDigest;
  /** Approvals the bot acknowledged (its own comments only), oldest first. */
  accepted: AcceptedApproval[];
  /** Review approvals: login, commit and body, oldest first. */
  reviewApprovals: { login: string; commitId: string; body: string; submittedAt: string }[];
  versions: Record<string, string | undefined>;
}

/** `version` of plugins/<slug>/package.json at `ref`, read as data (never executed); undefined when unreadable. */
async function readVersion(octokit: Octokit, repo: RepoRef, slug: string, ref: string): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...repo, path: `plugins/${slug}/package.json`, ref });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return undefined;
    const version = (JSON.parse(Buffer.from(data.content, "base64").toString("utf8")) as { version?: unknown }).version;
    return typeof version === "string" ? version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a pull request for the approval flow: state and head, the review bot's sticky comment (its
 * hidden digest), the approvals the bot acknowledged, the review approvals, and the version of each
 * reviewed connector at the head. Only comments written by `botLogin` are trusted for markers.
 */
export async function readPullRequest(octokit: Octokit, repo: RepoRef, number: number, botLogin: string): Promise<PullRequestData> {
  const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: number, per_page: 100 });
  const bot = comments.filter((c) => c.user?.login === botLogin);
  const sticky = bot.filter((c) => c.body?.includes(COMMENT_MARKER)).at(-1);
  const review = parseReviewDigest(sticky?.body ?? undefined);
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...repo, pull_number: number, per_page: 100 });
  const versions: Record<string, string | undefined> = {};
  for (const c of review?.connectors ?? []) versions[c.slug] = await readVersion(octokit, repo, c.slug, pull.head.sha);
  return {
    pr: { number, headSha: pull.head.sha, open: pull.state === "open", merged: Boolean(pull.merged) },
    ...(review ? { review } : {}),
    accepted: bot.flatMap((c) => parseApprovalMarkers(c.body)),
    reviewApprovals: reviews
      .filter((r) => r.state === "APPROVED" && r.user?.login && r.commit_id)
      .map((r) => ({ login: r.user!.login, commitId: r.commit_id!, body: r.body ?? "", submittedAt: r.submitted_at ?? "" })),
    versions,
  };
}
