import type { Finding } from "../types.ts";
import { connectorFingerprint, previousReviewOf, reportFingerprint } from "./review-state.ts";
import type { ConnectorReport, ReviewReport, ReviewState } from "./types.ts";

/**
 * "What changed since the last review": each connector against its own previous review only (by
 * slug). Connectors the previous state never reviewed are listed as first reviews, never compared
 * with another connector's findings.
 */
export function compareWithPreviousReviews(reports: readonly ConnectorReport[], previous: ReviewState): NonNullable<ReviewReport["sinceLastReview"]> {
  const added: Finding[] = [];
  const resolved: string[] = [];
  const firstReview: string[] = [];
  let previousSha: string | undefined;
  for (const report of reports) {
    const before = previousReviewOf(previous, report);
    if (!before) {
      firstReview.push(report.slug);
      continue;
    }
    previousSha ??= before.sha;
    const earlier = new Set(before.fingerprints);
    const now = new Set(report.findings.map((f) => connectorFingerprint(f, report.dir)));
    added.push(...report.findings.filter((f) => !earlier.has(connectorFingerprint(f, report.dir))));
    resolved.push(...before.fingerprints.filter((print) => !now.has(print)).map((print) => reportFingerprint(print, report.dir)));
  }
  return { previousSha: previousSha ?? previous.sha, added, resolved, ...(firstReview.length ? { firstReview } : {}) };
}
