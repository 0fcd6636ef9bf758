import type { ApprovedConnector } from "../discover/select-approved.ts";
import type { CurrentReview } from "./review-digester.ts";

/** An approval that no longer matches the connector's current review. */
export interface ApprovalWarning {
  /** `slug@version`. */
  connector: string;
  kind: "no-review-digest" | "review-changed" | "review-has-errors";
  message: string;
}

const short = (digest: string) => `${digest.slice(0, 19)}…`;

/**
 * Compares each published connector's approval with its current review: an approval without a
 * review digest, one given on another review (the code or the rules changed since), and a current
 * review with errors that the approval does not override. The build publishes anyway and reports
 * these, so a maintainer re-reviews them (`pnpm registry approve <slug>`).
 */
export function findStaleApprovals(approved: ApprovedConnector[], reviews: Map<string, CurrentReview>): ApprovalWarning[] {
  const warnings: ApprovalWarning[] = [];
  for (const c of approved) {
    const connector = `${c.slug}@${c.version}`;
    const review = reviews.get(c.slug);
    if (!review) continue;
    const recorded = c.approval.reviewDigest;
    const fix = `Fix: re-review it and record the new digest with \`pnpm registry approve ${c.slug}\`.`;
    if (!recorded) warnings.push({ connector, kind: "no-review-digest", message: `${connector} was approved without a review digest; its current review is ${short(review.digest)} (${review.errors} error(s), ${review.warnings} warning(s)). ${fix}` });
    else if (recorded !== review.digest) warnings.push({ connector, kind: "review-changed", message: `${connector} was approved on review ${short(recorded)}, but its current review is ${short(review.digest)} (${review.errors} error(s), ${review.warnings} warning(s)): the connector or the review rules changed since. ${fix}` });
    if (review.errors > 0 && !c.approval.override) warnings.push({ connector, kind: "review-has-errors", message: `${connector}: its current review has ${review.errors} error(s) and the approval records no override: ${review.errorLines.join("; ")}. Fix: fix the connector, or revoke the version.` });
  }
  return warnings;
}
