import type { Octokit } from "octokit";
import { renderMarkdown } from "../report/render-markdown.ts";
import { parseReviewState } from "../report/review-state.ts";
import type { ReviewReport } from "../report/types.ts";
import { runReview, type ReviewOptions } from "../run-review.ts";
import { connectorPaths, listPullRequestFiles } from "./list-pull-request-files.ts";
import { publishReview } from "./publish-review.ts";
import type { PullRequestRef } from "./pull-request-ref.ts";
import { findCapabilityAcknowledgements } from "./capability-acknowledgements.ts";
import { findStickyComments, listIssueComments } from "./upsert-sticky-comment.ts";

/** Options of {@link reviewPullRequest}. */
export interface PullRequestReviewOptions extends Omit<ReviewOptions, "previous"> {
  octokit: Octokit;
  pr: PullRequestRef;
  /** Render everything, write nothing to GitHub. */
  dryRun?: boolean;
}

/** What a PR review produced and did. */
export interface PullRequestReviewResult {
  report: ReviewReport;
  markdown: string;
  /** The GitHub writes made (or, in a dry run, that would have been made). */
  actions: string[];
}

/**
 * Reviews a pull request end to end: reads the changed files from the API (connectors = paths under
 * `plugins/`), reads the previous sticky comment's state and the maintainers' capability
 * acknowledgements (`/review acknowledge-capabilities <slug> <token>`), runs the review, then updates the one
 * sticky comment, creates the check run with annotations, and syncs the labels.
 *
 * @example
 * await reviewPullRequest({ octokit, pr: { owner, repo, number, headSha }, base: "origin/main" });
 */
export async function reviewPullRequest(options: PullRequestReviewOptions): Promise<PullRequestReviewResult> {
  const { octokit, pr, dryRun, ...reviewOptions } = options;
  const paths = reviewOptions.paths ?? connectorPaths(await listPullRequestFiles(octokit, pr));
  const comments = await listIssueComments(octokit, pr);
  const existing = await findStickyComments(octokit, pr, comments);
  const previous = parseReviewState(existing[0]?.body);
  const acknowledgedCapabilities = [...(reviewOptions.acknowledgedCapabilities ?? []), ...findCapabilityAcknowledgements(comments)];
  const report = await runReview({ ...reviewOptions, paths, previous, acknowledgedCapabilities });
  report.head = pr.headSha;
  const markdown = renderMarkdown(report, { repoUrl: `https://github.com/${pr.owner}/${pr.repo}`, previous });
  return publishReview(octokit, pr, report, markdown, { dryRun, existing });
}
