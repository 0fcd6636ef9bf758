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

/** What the previous review (stored in the sticky comment) found, to say what changed since. */
export interface ReviewState {
  sha?: string;
  fingerprints: string[];
}

/** The whole review: one report per changed connector, plus notices about the PR as a whole. */
export interface ReviewReport {
  base?: string;
  head?: string;
  connectors: ConnectorReport[];
  /** Problems with the PR as a whole or the review itself (no connector touched, unknown base, ...). */
  notices: string[];
  totals: { error: number; warning: number; info: number };
  /** Against the previous review: findings that are new and ones that are gone (as fingerprints). */
  sinceLastReview?: { previousSha?: string; added: Finding[]; resolved: string[] };
}
