import { ConnectorsError } from "@connectors/plugin-api";
import { CATEGORIES, type Finding, type FindingCategory } from "../types.ts";
import type { CategoryStatus, ConnectorReport, ReviewReport } from "./types.ts";

/** Thrown when an uploaded review.json is not a review report; nothing is posted. */
export class ReviewReportError extends ConnectorsError {
  constructor(message: string) {
    super("REVIEW_REPORT_INVALID", `review.json: ${message}; re-run the Review workflow (the artifact is written by \`pnpm connectors review --json\`)`);
    this.name = "ReviewReportError";
  }
}

const SEVERITIES = new Set(["error", "warning", "info"]);
const STATUSES = new Set(["pass", "warn", "fail", "skipped"]);
const CHANGES = new Set(["added", "modified", "deleted", "unchanged"]);
const MAX_TEXT = 2000;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Untrusted text: bounded, and no HTML comments (so it cannot fake the bot's hidden markers). */
function text(value: unknown, where: string, optional = false): string {
  if (value === undefined && optional) return "";
  if (typeof value !== "string") throw new ReviewReportError(`${where} must be a string`);
  return value.slice(0, MAX_TEXT).replace(/<!--|-->/g, "");
}

function finding(value: unknown, where: string): Finding {
  if (!isRecord(value)) throw new ReviewReportError(`${where} must be an object`);
  if (!SEVERITIES.has(value.severity as string)) throw new ReviewReportError(`${where}.severity must be error, warning or info`);
  if (!(CATEGORIES as readonly string[]).includes(value.category as string)) throw new ReviewReportError(`${where}.category must be one of ${CATEGORIES.join(", ")}`);
  const line = typeof value.line === "number" && Number.isInteger(value.line) && value.line > 0 ? value.line : undefined;
  return {
    rule: text(value.rule, `${where}.rule`).replace(/[^\w/.-]/g, ""),
    severity: value.severity as Finding["severity"],
    category: value.category as FindingCategory,
    file: text(value.file, `${where}.file`).replace(/[`\s]/g, ""),
    ...(line ? { line } : {}),
    message: text(value.message, `${where}.message`),
    fix: text(value.fix, `${where}.fix`, true),
  };
}

function connector(value: unknown, where: string): ConnectorReport {
  if (!isRecord(value)) throw new ReviewReportError(`${where} must be an object`);
  const slug = text(value.slug, `${where}.slug`);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw new ReviewReportError(`${where}.slug "${slug.slice(0, 60)}" is not a connector slug`);
  if (!CHANGES.has(value.status as string)) throw new ReviewReportError(`${where}.status must be added, modified, deleted or unchanged`);
  const categories = isRecord(value.categories) ? value.categories : {};
  if (!Array.isArray(value.findings)) throw new ReviewReportError(`${where}.findings must be an array`);
  const findings = value.findings.map((f, i) => finding(f, `${where}.findings[${i}]`));
  return {
    slug,
    dir: `plugins/${slug}`,
    status: value.status as ConnectorReport["status"],
    categories: Object.fromEntries(CATEGORIES.map((c) => [c, STATUSES.has(categories[c] as string) ? categories[c] : "skipped"])) as Record<FindingCategory, CategoryStatus>,
    findings,
    humanChecks: Array.isArray(value.humanChecks) ? value.humanChecks.map((h, i) => text(h, `${where}.humanChecks[${i}]`)) : [],
  };
}

/**
 * Parses an uploaded review.json (untrusted: PR code wrote it) into a report the trusted renderer can
 * use: every field type-checked and bounded, hidden-comment syntax stripped, and the totals recounted
 * from the findings (a report cannot claim "0 errors" while listing one).
 *
 * @throws ReviewReportError naming the first field that is wrong
 */
export function parseReviewReport(json: string): ReviewReport {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new ReviewReportError(`not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(value) || !Array.isArray(value.connectors)) throw new ReviewReportError("must be an object with a connectors array");
  const connectors = value.connectors.map((c, i) => connector(c, `connectors[${i}]`));
  const all = connectors.flatMap((c) => c.findings);
  const count = (severity: Finding["severity"]) => all.filter((f) => f.severity === severity).length;
  return {
    ...(typeof value.base === "string" ? { base: text(value.base, "base").replace(/[`\s]/g, "") } : {}),
    connectors,
    notices: Array.isArray(value.notices) ? value.notices.map((n, i) => text(n, `notices[${i}]`)) : [],
    totals: { error: count("error"), warning: count("warning"), info: count("info") },
  };
}
