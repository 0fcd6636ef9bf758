import type { ReviewReport, ReviewState } from "./types.ts";
import { fingerprint } from "./fingerprint.ts";

/** The hidden marker that identifies the bot's sticky comment. */
export const COMMENT_MARKER = "<!-- plugin-review -->";
const STATE = /<!-- plugin-review-state:([A-Za-z0-9+/=]*) -->/;

/** The state to remember for the next review: the head commit and every finding's fingerprint. */
export function toReviewState(report: ReviewReport): ReviewState {
  return { sha: report.head, fingerprints: report.connectors.flatMap((c) => c.findings.map(fingerprint)) };
}

/** The hidden comment line that stores a review state. */
export function renderReviewState(state: ReviewState): string {
  return `<!-- plugin-review-state:${Buffer.from(JSON.stringify(state)).toString("base64")} -->`;
}

/** Reads the state a previous sticky comment stored; undefined when absent or unreadable. */
export function parseReviewState(body: string | undefined): ReviewState | undefined {
  const encoded = body && STATE.exec(body)?.[1];
  if (!encoded) return undefined;
  try {
    const state = JSON.parse(Buffer.from(encoded, "base64").toString("utf8")) as ReviewState;
    return Array.isArray(state.fingerprints) ? state : undefined;
  } catch {
    return undefined;
  }
}
