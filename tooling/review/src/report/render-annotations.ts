import { redactText } from "../redact/redact-secret.ts";
import type { Finding } from "../types.ts";
import type { ReviewReport } from "./types.ts";

/** A GitHub check-run annotation (the REST API's shape). */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "failure" | "warning" | "notice";
  title: string;
  message: string;
}

const LEVEL: Record<Finding["severity"], CheckAnnotation["annotation_level"]> = { error: "failure", warning: "warning", info: "notice" };

/** True for a path that names a file (annotations on directories are rejected or lost). */
function isFilePath(path: string): boolean {
  return !path.endsWith("/") && /\.[A-Za-z0-9]+$/.test(path.split("/").at(-1) ?? "");
}

/**
 * Turns every finding located in a file into a check-run annotation (GitHub takes at most 50 per
 * request: batch them). Findings about a directory appear in the summary only.
 */
export function renderAnnotations(report: ReviewReport): CheckAnnotation[] {
  return report.connectors.flatMap((connector) =>
    connector.findings.filter((finding) => isFilePath(finding.file)).map((finding) => ({
      path: finding.file,
      start_line: finding.line ?? 1,
      end_line: finding.line ?? 1,
      annotation_level: LEVEL[finding.severity],
      title: `${finding.rule} (${finding.category})`,
      message: redactText(`${finding.message}\nFix: ${finding.fix}`),
    })),
  );
}
