import { redactText } from "../redact/redact-secret.ts";
import type { ReviewReport } from "./types.ts";

/** Renders the review as stable, pretty JSON (machine-readable twin of the Markdown). Secrets are redacted. */
export function renderJson(report: ReviewReport): string {
  return redactText(JSON.stringify(report, null, 2)) + "\n";
}
