import { join } from "node:path";
import { readManifest } from "@connectors/plugin-api";
import { findConnectors, type ConnectorPackage } from "../discover/find-connectors.ts";
import { ApprovalsError } from "../errors.ts";
import { createReviewDigester, type ReviewDigester } from "../review/review-digester.ts";
import type { Approval, Approvals } from "./approvals-types.ts";
import { readApprovals } from "./read-approvals.ts";
import { setApproval, writeApprovals } from "./update-approvals.ts";

/** Options of {@link approveConnectors}. */
export interface ApproveOptions {
  root: string;
  /** Slugs to approve; `"all"` for every connector under plugins/. */
  slugs: string[] | "all";
  /** GitHub login of the approving maintainer. */
  approvedBy: string;
  /** Approve despite error-level review findings, with this reason (recorded as `override`). */
  override?: string;
  /** The approval time (default: now). */
  now?: Date;
  approvalsFile?: string;
  pluginsDir?: string;
  reviewer?: ReviewDigester;
  /** Compute and report, but do not write approved.json. */
  dryRun?: boolean;
}

/** What `approve` did per connector. */
export interface ApprovalOutcome {
  connector: string;
  result: "approved" | "re-approved" | "unchanged" | "refused";
  reviewDigest: string;
  detail?: string;
}

async function isExample(c: ConnectorPackage): Promise<boolean> {
  const { manifest } = await readManifest(c.dir).catch(() => ({ manifest: undefined }));
  return manifest?.categories?.includes("example") ?? false;
}

function select(found: ConnectorPackage[], slugs: string[] | "all", file: string): ConnectorPackage[] {
  if (slugs === "all") return found;
  const unknown = slugs.filter((slug) => !found.some((c) => c.slug === slug));
  if (unknown.length) throw new ApprovalsError(file, unknown.map((slug) => ({ path: "", message: `no connector "${slug}" under plugins/`, severity: "error" as const, fix: `pick one of: ${found.map((c) => c.slug).join(", ")}` })));
  return found.filter((c) => slugs.includes(c.slug));
}

/**
 * `pnpm registry approve <slug…> | --all`: reviews each connector with `@connectors/review` (static,
 * never runs its code) and records in registry/approved.json an approval of its package version
 * carrying the review report's digest. A connector whose review has errors is refused unless an
 * `override` reason is given; an approval whose digest is already current is left as it is (who and
 * when unchanged). Template connectors (category `example`) are marked `example: true`.
 *
 * @throws ApprovalsError for an invalid approved.json or an unknown slug
 */
export async function approveConnectors(options: ApproveOptions): Promise<{ outcomes: ApprovalOutcome[]; approvals: Approvals }> {
  const file = options.approvalsFile ?? join(options.root, "registry/approved.json");
  let approvals = await readApprovals(file);
  const { connectors } = await findConnectors(options.pluginsDir ?? join(options.root, "plugins"), options.root);
  const selected = select(connectors, options.slugs, file);
  const reviews = await (options.reviewer ?? createReviewDigester(options.root, join(options.root, "node_modules/.cache/connectors-registry")))(selected);
  const outcomes: ApprovalOutcome[] = [];
  for (const c of selected) {
    const connector = `${c.slug}@${c.version}`;
    const review = reviews.get(c.slug)!;
    const previous = approvals.approved.find((a) => a.slug === c.slug && a.version === c.version);
    if (review.errors > 0 && !options.override) {
      outcomes.push({ connector, result: "refused", reviewDigest: review.digest, detail: `its review has ${review.errors} error(s): ${review.errorLines.join("; ")}. Fix the connector, or pass --override "<why it is safe>"` });
      continue;
    }
    if (previous?.reviewDigest === review.digest && (review.errors === 0 || previous.override)) {
      outcomes.push({ connector, result: "unchanged", reviewDigest: review.digest });
      continue;
    }
    const approval: Approval = { slug: c.slug, version: c.version, approvedBy: options.approvedBy, approvedAt: (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z"), reviewDigest: review.digest, ...(review.errors > 0 ? { override: options.override! } : {}), ...((await isExample(c)) ? { example: true as const } : {}) };
    const updated = setApproval(approvals, approval);
    if (!updated.ok) throw new ApprovalsError(file, updated.issues);
    approvals = updated.value;
    outcomes.push({ connector, result: previous ? "re-approved" : "approved", reviewDigest: review.digest, ...(previous ? { detail: `was approved on ${previous.reviewDigest ?? "no review digest"}` } : {}) });
  }
  if (!options.dryRun && outcomes.some((o) => o.result === "approved" || o.result === "re-approved")) await writeApprovals(file, approvals);
  return { outcomes, approvals };
}
