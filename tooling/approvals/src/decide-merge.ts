import { addApproval, type Approvals } from "@connectors/registry";
import type { ReviewDigest } from "@connectors/review";
import type { AcceptedApproval } from "./approval-marker.ts";
import type { Action, MaintainerCheck } from "./types.ts";

/** Everything {@link decideMerge} needs. */
export interface MergeInput {
  pr: { number: number; headSha: string; merged: boolean };
  /** Approvals given on the PR: the bot's acknowledgements plus maintainers' review approvals, oldest first. */
  accepted: AcceptedApproval[];
  /** The review of the merged head (sticky comment), if any. */
  review?: ReviewDigest;
  /** Maintainer status now, per approver login. */
  maintainers: Record<string, MaintainerCheck>;
  approvals: Approvals;
}

/** The merged review's digest of one connector's report; undefined when it did not review that connector. */
function mergedReportDigest(review: ReviewDigest | undefined, slug: string): string | undefined {
  return review?.connectors.find((c) => c.slug === slug)?.reportDigest;
}

/**
 * Decides what merging a pull request records. Pure. An approval counts only when it was given on the
 * merged head, on the review of that head (the same digest of that connector's report), by someone who is still a maintainer; the
 * first approval of each slug@version wins. Returns a `write-approvals` action plus a reply listing
 * what was recorded and what was not; nothing at all for a PR without approvals.
 */
export function decideMerge(input: MergeInput): Action[] {
  if (!input.pr.merged || input.accepted.length === 0) return [];
  let approvals = input.approvals;
  const recorded: string[] = [];
  const skipped: string[] = [];
  for (const { approval, headSha } of input.accepted) {
    const label = `\`${approval.slug}@${approval.version}\` by @${approval.approvedBy}`;
    if (headSha !== input.pr.headSha) skipped.push(`${label}: given on \`${headSha.slice(0, 7)}\`, merged at \`${input.pr.headSha.slice(0, 7)}\``);
    else if (approval.reviewDigest !== mergedReportDigest(input.review, approval.slug)) skipped.push(`${label}: given on another review than the merged one`);
    else if (!input.maintainers[approval.approvedBy]?.ok) skipped.push(`${label}: no longer a maintainer`);
    else if (approvals.approved.some((a) => a.slug === approval.slug && a.version === approval.version)) continue;
    else {
      const result = addApproval(approvals, approval);
      if (result.ok) {
        approvals = result.value!;
        recorded.push(`${label}${approval.override ? ` (override: ${approval.override})` : ""}`);
      } else skipped.push(`${label}: ${result.issues.map((i) => i.message).join("; ")}`);
    }
  }
  const lines = [
    ...(recorded.length ? ["📝 Recorded in `registry/approved.json`:", ...recorded.map((r) => `- ${r}`)] : ["No approval was recorded for this merge."]),
    ...(skipped.length ? ["", "Not recorded:", ...skipped.map((s) => `- ${s}`)] : []),
  ];
  const reply: Action = { kind: "reply", body: lines.join("\n") };
  return recorded.length ? [{ kind: "write-approvals", approvals, summary: recorded.map((r) => `approve ${r.replace(/`/g, "")}`) }, reply] : [reply];
}
