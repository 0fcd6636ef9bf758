import { createHash } from "node:crypto";
import { ruleVersion } from "../checks/rule-versions.ts";
import type { Finding } from "../types.ts";
import type { ConnectorReport, ReviewReport } from "./types.ts";

/** Sorted-key JSON: the same value always gives the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A file path relative to the connector directory, so a review of the same package anywhere agrees. */
function relativeToConnector(file: string, dir: string): string {
  if (file === dir) return ".";
  return file.startsWith(`${dir}/`) ? file.slice(dir.length + 1) : file;
}

/** What a finding contributes to the digest: everything but its line (lines move with unrelated edits). */
function digestEntry(finding: Finding, dir: string) {
  return { rule: finding.rule, version: ruleVersion(finding.rule), severity: finding.severity, category: finding.category, file: relativeToConnector(finding.file, dir), message: finding.message };
}

/**
 * Rules whose findings compare the package with the review's base (the published version), not a
 * property of the package itself: a pull request's review has them, the registry build's review of the
 * merged package does not, so they stay out of the digest an approval records.
 */
const BASE_RELATIVE_RULES = new Set(["manifest/capability-change"]);

function connectorEntry(report: ConnectorReport) {
  const findings = report.findings.filter((finding) => !BASE_RELATIVE_RULES.has(finding.rule)).map((finding) => canonicalJson(digestEntry(finding, report.dir))).sort();
  return { slug: report.slug, findings };
}

/**
 * A stable digest of what the review says about a connector: `sha256:<hex>` of the canonical JSON of
 * its findings (rule, the rule's version, severity, category, file relative to the connector,
 * message; never lines, timestamps, the base/head commits, findings that compare with the base
 * (capability changes, acknowledged on the pull request) or where the package was read from). Two
 * reviews of the same package with the same rules give the same digest; a new, changed or resolved
 * finding, or a new version of a rule that fired, gives another. Given a whole {@link ReviewReport},
 * the digest covers every connector in it (by slug).
 *
 * @example
 * const report = await runReview({ paths: ["plugins/hello-world"] });
 * reviewReportDigest(report.connectors[0]!); // "sha256:…", recorded in registry/approved.json
 */
export function reviewReportDigest(report: ConnectorReport | ReviewReport): string {
  const connectors = "connectors" in report ? report.connectors : [report];
  const entries = connectors.map(connectorEntry).sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const body = "connectors" in report ? canonicalJson({ connectors: entries }) : canonicalJson(entries[0]);
  return `sha256:${createHash("sha256").update(body).digest("hex")}`;
}
