import type { Octokit } from "octokit";
import { renderMarkdown } from "../report/render-markdown.ts";
import { parseReviewReport } from "../report/parse-review-report.ts";
import { renderReviewDigest, toReviewDigest } from "../report/review-digest.ts";
import type { PullRequestRef } from "./pull-request-ref.ts";
import { publishReview } from "./publish-review.ts";
import type { PullRequestReviewResult } from "./review-pull-request.ts";

/** Options of {@link postReviewReport}. */
export interface PostReviewReportOptions {
  octokit: Octokit;
  pr: PullRequestRef;
  /** The exact text of the artifact's review.json (its sha256 is the approval flow's `reviewDigest`). */
  reportJson: string;
  dryRun?: boolean;
}

/**
 * Posts a review computed earlier (review.yml's `review-report` artifact, checked by repo-checks'
 * `verify-review-artifact`): parses review.json as untrusted data, re-renders the Markdown with the
 * trusted renderer (the uploaded review.md is never posted), and updates the sticky comment, check
 * run and labels like {@link reviewPullRequest}. The comment carries a hidden digest line
 * (`plugin-review-digest`: sha256 of review.json, head, errors per connector) for the approval flow.
 *
 * @throws ReviewReportError when review.json is not a review report
 */
export async function postReviewReport(options: PostReviewReportOptions): Promise<PullRequestReviewResult> {
  const { octokit, pr } = options;
  const report = parseReviewReport(options.reportJson);
  report.head = pr.headSha;
  const markdown = `${renderMarkdown(report, { repoUrl: `https://github.com/${pr.owner}/${pr.repo}` })}${renderReviewDigest(toReviewDigest(report, options.reportJson, pr.headSha))}\n`;
  return publishReview(octokit, pr, report, markdown, { dryRun: options.dryRun });
}
