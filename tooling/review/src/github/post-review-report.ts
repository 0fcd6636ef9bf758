import type { Octokit } from "octokit";
import { renderAnnotations } from "../report/render-annotations.ts";
import { renderMarkdown } from "../report/render-markdown.ts";
import { parseReviewReport } from "../report/parse-review-report.ts";
import { renderReviewDigest, toReviewDigest } from "../report/review-digest.ts";
import { createCheckRun } from "./create-check-run.ts";
import type { PullRequestRef } from "./pull-request-ref.ts";
import type { PullRequestReviewResult } from "./review-pull-request.ts";
import { syncLabels } from "./sync-labels.ts";
import { findStickyComments, upsertStickyComment } from "./upsert-sticky-comment.ts";

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
  const blocked = report.totals.error > 0;
  const security = report.connectors.some((c) => c.findings.some((f) => f.category === "security" && f.severity === "error"));
  if (options.dryRun) {
    const existing = await findStickyComments(octokit, pr);
    return { report, markdown, actions: [existing.length ? "would update comment" : "would create comment", "would create check run", `would label ${blocked ? "review: changes needed" : "review: ready"}${security ? " + security" : ""}`] };
  }
  const comment = await upsertStickyComment(octokit, pr, markdown);
  await createCheckRun(octokit, pr, {
    conclusion: blocked ? "failure" : "success",
    title: blocked ? `${report.totals.error} error(s) block this connector change` : "Ready for a maintainer",
    summary: markdown,
    annotations: renderAnnotations(report),
  });
  const labels = await syncLabels(octokit, pr, { blocked, security });
  return { report, markdown, actions: [`${comment.action} comment ${comment.id}`, "created check run", ...labels.added.map((l) => `added label ${l}`), ...labels.removed.map((l) => `removed label ${l}`)] };
}
