import { createHash } from "node:crypto";
import { reviewReportDigest } from "./review-report-digest.ts";
import type { ReviewReport } from "./types.ts";

/** What the approval flow needs to know about a posted review, hidden in the sticky comment. */
export interface ReviewDigest {
  /** `sha256:<hex>` of the exact review.json bytes the comment was rendered from. */
  digest: string;
  /** The commit the review ran on. */
  head: string;
  /**
   * Per reviewed connector: error-level findings (recounted from the findings, never taken from totals)
   * and `reportDigest`, the {@link reviewReportDigest} of its own report — what an approval records in
   * registry/approved.json and what `registry build` compares with its current review.
   */
  connectors: ReviewedConnector[];
}

/** One connector of a posted review, as the approval flow sees it. */
export interface ReviewedConnector {
  slug: string;
  status: string;
  errors: number;
  reportDigest: string;
}

const DIGEST = /<!-- plugin-review-digest:([A-Za-z0-9+/=]*) -->/g;

/** `sha256:<hex>` of a review report's JSON text (the registry's `reviewDigest` format). */
export function digestReviewJson(text: string): string {
  return `sha256:${createHash("sha256").update(text).digest("hex")}`;
}

/** Builds the digest record of a report rendered from `reportJson`. */
export function toReviewDigest(report: ReviewReport, reportJson: string, head: string): ReviewDigest {
  return {
    digest: digestReviewJson(reportJson),
    head,
    connectors: report.connectors.map((c) => ({ slug: c.slug, status: c.status, errors: c.findings.filter((f) => f.severity === "error").length, reportDigest: reviewReportDigest(c) })),
  };
}

/** The hidden comment line that carries a {@link ReviewDigest}. */
export function renderReviewDigest(digest: ReviewDigest): string {
  return `<!-- plugin-review-digest:${Buffer.from(JSON.stringify(digest)).toString("base64")} -->`;
}

function isReviewedConnector(value: unknown): value is ReviewedConnector {
  const c = value as Partial<ReviewedConnector> | null;
  return typeof c?.slug === "string" && typeof c.status === "string" && typeof c.errors === "number" && typeof c.reportDigest === "string";
}

/** Reads the digest from a sticky comment body (the last one wins); undefined when absent or unreadable. */
export function parseReviewDigest(body: string | undefined): ReviewDigest | undefined {
  const encoded = body ? [...body.matchAll(DIGEST)].at(-1)?.[1] : undefined;
  if (!encoded) return undefined;
  try {
    const value = JSON.parse(Buffer.from(encoded, "base64").toString("utf8")) as ReviewDigest;
    const ok = typeof value.digest === "string" && typeof value.head === "string" && Array.isArray(value.connectors) && value.connectors.every(isReviewedConnector);
    return ok ? value : undefined;
  } catch {
    return undefined;
  }
}
