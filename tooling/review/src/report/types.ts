import type { Finding, FindingCategory } from "../types.ts";

/** A report section's verdict: `fail` on an error, `warn` on a warning, `skipped` when not run. */
export type CategoryStatus = "pass" | "warn" | "fail" | "skipped";

/** The review of one connector. */
export interface ConnectorReport {
  slug: string;
  dir: string;
  status: "added" | "modified" | "deleted" | "unchanged";
  categories: Record<FindingCategory, CategoryStatus>;
  findings: Finding[];
  /** What automation cannot judge and a maintainer must still look at. */
  humanChecks: string[];
}

/** What the previous review of one connector found (fingerprints with files relative to the connector). */
export interface ConnectorReviewState {
  sha?: string;
  fingerprints: string[];
}

/** What the previous review (stored in the sticky comment or `.connectors/review-state.json`) found, to say what changed since. */
export interface ReviewState {
  sha?: string;
  /** Every finding of the last review (kept for readers of the older format). */
  fingerprints: string[];
  /** Per connector slug: its own last review, so a connector is only ever compared with itself. */
  connectors?: Record<string, ConnectorReviewState>;
}

/** The whole review: one report per changed connector, plus notices about the PR as a whole. */
export interface ReviewReport {
  base?: string;
  /** For a connector reviewed from outside the repository: where it was read from (`npm posthog-x-plugin@1.0.0`, a directory, ...). */
  source?: string;
  head?: string;
  connectors: ConnectorReport[];
  /** Problems with the PR as a whole or the review itself (no connector touched, unknown base, ...). */
  notices: string[];
  totals: { error: number; warning: number; info: number };
  /**
   * Against each connector's own previous review: findings that are new and ones that are gone (as
   * fingerprints); `firstReview` lists connectors never reviewed before (nothing to compare with).
   */
  sinceLastReview?: { previousSha?: string; added: Finding[]; resolved: string[]; firstReview?: string[] };
}
