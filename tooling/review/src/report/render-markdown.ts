import { redactText } from "../redact/redact-secret.ts";
import { CATEGORIES, type Finding } from "../types.ts";
import { COMMENT_MARKER, renderReviewState, toReviewState } from "./review-state.ts";
import type { CategoryStatus, ConnectorReport, ReviewReport, ReviewState } from "./types.ts";

/** Options of {@link renderMarkdown}. */
export interface RenderMarkdownOptions {
  /** `https://github.com/<owner>/<repo>`: findings link to `blob/<head>/<file>#L<line>`. */
  repoUrl?: string;
  /** Leave out the hidden marker and state (for terminal output). */
  plain?: boolean;
  /** The state the previous comment stored: connectors this review did not touch keep their entry. */
  previous?: ReviewState;
}

const STATUS: Record<CategoryStatus, string> = { pass: "✅ pass", warn: "⚠️ warn", fail: "❌ fail", skipped: "⏭️ skipped" };
const SEVERITY: Record<Finding["severity"], string> = { error: "❌ error", warning: "⚠️ warning", info: "ℹ️ info" };

function inline(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

function location(finding: Finding, report: ReviewReport, options: RenderMarkdownOptions): string {
  const where = finding.line ? `${finding.file}:${finding.line}` : finding.file;
  if (!options.repoUrl || !report.head) return `\`${where}\``;
  return `[\`${where}\`](${options.repoUrl}/blob/${report.head}/${finding.file}${finding.line ? `#L${finding.line}` : ""})`;
}

function renderFinding(finding: Finding, report: ReviewReport, options: RenderMarkdownOptions): string {
  return `- ${SEVERITY[finding.severity]} \`${finding.rule}\` ${location(finding, report, options)}: ${inline(finding.message)}. _Fix:_ ${inline(finding.fix)}`;
}

function renderTable(connectors: ConnectorReport[]): string[] {
  return [
    `| connector | change | ${CATEGORIES.join(" | ")} |`,
    `| --- | --- | ${CATEGORIES.map(() => "---").join(" | ")} |`,
    ...connectors.map((c) => `| \`${c.slug}\` | ${c.status} | ${CATEGORIES.map((category) => STATUS[c.categories[category]]).join(" | ")} |`),
  ];
}

function renderSince(report: ReviewReport, options: RenderMarkdownOptions): string[] {
  const since = report.sinceLastReview;
  if (!since) return ["### What changed since the last review", "", "First review of this pull request."];
  const first = since.firstReview ?? [];
  const compared = report.connectors.length - first.length;
  const lines = ["### What changed since the last review", ""];
  if (first.length) lines.push(`First review of ${first.map((slug) => `\`${slug}\``).join(", ")}: nothing earlier to compare with.`);
  if (compared > 0) lines.push(`${first.length ? "Other connectors, each c" : "C"}ompared with its own previous review${since.previousSha ? ` (\`${since.previousSha.slice(0, 7)}\`)` : ""}: ${since.added.length} new, ${since.resolved.length} resolved.`);
  if (since.added.length) lines.push("", "New:", ...since.added.map((f) => renderFinding(f, report, options)));
  if (since.resolved.length) lines.push("", "Resolved:", ...since.resolved.map((fp) => { const [rule, file, message] = fp.split("|"); return `- ✅ \`${rule}\` \`${file}\`: ${inline(message ?? "")}`; }));
  return lines;
}

/**
 * Renders the review as the sticky PR comment (or terminal output with `plain`): verdict, summary
 * table per connector and category, findings with file:line links, what changed since the last
 * review, and what a human must still look at. Pure; secrets are redacted.
 */
export function renderMarkdown(report: ReviewReport, options: RenderMarkdownOptions = {}): string {
  const blocked = report.totals.error > 0;
  const lines: string[] = [];
  if (!options.plain) lines.push(COMMENT_MARKER);
  lines.push(`## Connector review: ${blocked ? "❌ changes needed" : "✅ ready for a maintainer"}`, "");
  lines.push(`${report.totals.error} error(s), ${report.totals.warning} warning(s), ${report.totals.info} note(s)${report.base ? ` · compared with \`${report.base}\`` : ""}${report.head ? ` at \`${report.head.slice(0, 7)}\`` : ""}.`);
  for (const notice of report.notices) lines.push("", `> ${notice}`);
  if (report.connectors.length) lines.push("", ...renderTable(report.connectors));
  for (const connector of report.connectors) {
    lines.push("", `### \`${connector.slug}\``, "");
    lines.push(...(connector.findings.length ? connector.findings.map((f) => renderFinding(f, report, options)) : ["No findings."]));
  }
  lines.push("", ...renderSince(report, options));
  if (report.connectors.length) {
    lines.push("", "### What a human must still look at", "");
    for (const connector of report.connectors) lines.push(...connector.humanChecks.map((check) => `- [ ] \`${connector.slug}\`: ${inline(check)}`));
  }
  if (!options.plain) lines.push("", renderReviewState(toReviewState(report, options.previous)));
  return redactText(lines.join("\n")) + "\n";
}
