import type { Finding } from "../types.ts";

/** A finding's identity across pushes: rule, file and message, not the line (lines move). */
export function fingerprint(finding: Finding): string {
  return `${finding.rule}|${finding.file}|${finding.message}`;
}
