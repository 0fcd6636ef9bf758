import type { Octokit } from "octokit";
import { renderAnnotations } from "../report/render-annotations.ts";
import type { ReviewReport } from "../report/types.ts";
import { createCheckRun } from "./create-check-run.ts";
import type { PullRequestRef } from "./pull-request-ref.ts";
import type { PullRequestReviewResult } from "./review-pull-request.ts";
import { syncLabels } from "./sync-labels.ts";
import { findStickyComments, upsertStickyComment } from "./upsert-sticky-comment.ts";

/** Options of {@link publishReview}. */
export interface PublishReviewOptions {
  /** Say what would be written, write nothing. */
  dryRun?: boolean;
  /** The sticky comments already read (read from the API when absent). */
  existing?: { id: number }[];
}

/**
 * Publishes a rendered review on the pull request: updates the one sticky comment, creates the check
 * run (failure when the report has errors, with annotations) and syncs the labels (`review: ready` /
 * `review: changes needed`, `security` for a security error). In a dry run, lists those writes instead.
 */
export async function publishReview(octokit: Octokit, pr: PullRequestRef, report: ReviewReport, markdown: string, options: PublishReviewOptions = {}): Promise<PullRequestReviewResult> {
  const blocked = report.totals.error > 0;
  const security = report.connectors.some((c) => c.findings.some((f) => f.category === "security" && f.severity === "error"));
  if (options.dryRun) {
    const existing = options.existing ?? (await findStickyComments(octokit, pr));
    return { report, markdown, actions: [existing.length ? "would update comment" : "would create comment", "would create check run", `would label ${blocked ? "review: changes needed" : "review: ready"}${security ? " + security" : ""}`] };
  }
  const comment = await upsertStickyComment(octokit, pr, markdown, options.existing);
  await createCheckRun(octokit, pr, {
    conclusion: blocked ? "failure" : "success",
    title: blocked ? `${report.totals.error} error(s) block this connector change` : "Ready for a maintainer",
    summary: markdown,
    annotations: renderAnnotations(report),
  });
  const labels = await syncLabels(octokit, pr, { blocked, security });
  return { report, markdown, actions: [`${comment.action} comment ${comment.id}`, "created check run", ...labels.added.map((l) => `added label ${l}`), ...labels.removed.map((l) => `removed label ${l}`)] };
}
