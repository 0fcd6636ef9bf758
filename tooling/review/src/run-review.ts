import { join } from "node:path";
import { createRedactor, type ConnectorSource } from "@connectors/harness";
import { STATIC_CHECKS } from "./checks/index.ts";
import { changesetPaths, parseChangesets } from "./context/read-changesets.ts";
import { findChangedConnectors, type ChangedConnector } from "./context/find-changed-connectors.ts";
import { listAddedLines, listChangedPaths, resolveBase, tryGit, type ChangedPath } from "./context/git.ts";
import { loadConnectorContext } from "./context/load-connector-context.ts";
import type { DynamicCheck } from "./dynamic/types.ts";
import { compareWithPreviousReviews } from "./report/compare-with-previous-reviews.ts";
import { configSecrets } from "./redact/config-secrets.ts";
import { listHumanChecks } from "./report/list-human-checks.ts";
import { summarizeCategories } from "./report/summarize-categories.ts";
import type { ConnectorReport, ReviewReport, ReviewState } from "./report/types.ts";
import { readFile } from "node:fs/promises";
import type { AddedLine, ConnectorContext, Finding, FindingCategory } from "./types.ts";

/** Options of {@link runReview}. */
export interface ReviewOptions {
  /** A directory inside the repository (default: the current directory). */
  cwd?: string;
  /** Connector directories to review (`plugins/x`); default: every connector the diff touches. */
  paths?: string[];
  /** Ref to diff against (default `origin/main`, else `main`). */
  base?: string;
  /** Checks that execute the connector; none by default (static review only). */
  dynamicChecks?: DynamicCheck[];
  /** The previous review's state (from the sticky comment), to report what changed since. */
  previous?: ReviewState;
  /** Capability-change tokens a maintainer acknowledged (`cap-…`); matching changes become notes. */
  acknowledgedCapabilities?: readonly string[];
}

function internalError(ctx: { dir: string }, what: string, error: unknown): Finding {
  const message = error instanceof Error ? error.message : String(error);
  return { rule: "review/internal-error", category: "security", severity: "warning", file: ctx.dir, message: `${what} failed: ${message.split("\n")[0]}`, fix: "a maintainer reviews this part by hand; report the failure to the tooling owners" };
}

async function addedLinesOf(root: string, baseSha: string | undefined, changes: ChangedPath[]): Promise<AddedLine[]> {
  const tracked = changes.filter((c) => c.status !== "deleted" && !c.untracked).map((c) => c.path);
  const lines = baseSha ? await listAddedLines(root, baseSha, tracked).catch(() => []) : [];
  for (const change of changes.filter((c) => c.untracked)) {
    const text = await readFile(join(root, change.path), "utf8").catch(() => "");
    if (text.includes("\0") || text.length > 512 * 1024) continue;
    text.split("\n").forEach((line, index) => lines.push({ file: change.path, line: index + 1, text: line }));
  }
  return lines;
}

/** What an outside submission adds to a connector's review. */
export interface ConnectorReviewExtras {
  /** The supplied package, for dynamic checks (they run it in the sandbox). */
  source?: ConnectorSource;
  /** Rewrites each finding (none, the same, or a changed one) before the categories are summarized. */
  adjust?: (finding: Finding) => Finding[];
}

/**
 * Runs every static check (and the dynamic ones given) on one connector context and summarizes the
 * findings per category, the connector's secret config values (see {@link configSecrets}) redacted
 * from every message. Never throws: a failing check becomes an internal-error finding.
 */
export async function reviewConnectorContext(ctx: ConnectorContext, dynamicChecks: readonly DynamicCheck[], root: string, baseSha: string | undefined, extra: ConnectorReviewExtras = {}): Promise<ConnectorReport> {
  let findings: Finding[] = [];
  if (ctx.status === "deleted") {
    findings.push({ rule: "package/deleted-connector", category: "package", severity: "warning", file: ctx.dir, message: "the PR deletes this connector; existing installations lose it", fix: "deprecate it first (registry revocation + changeset) instead of deleting it in one step" });
  } else {
    for (const check of STATIC_CHECKS) {
      try {
        findings.push(...check(ctx));
      } catch (error) {
        findings.push(internalError(ctx, `check ${check.name}`, error));
      }
    }
    for (const check of dynamicChecks) {
      try {
        findings.push(...(await check.run(ctx, { root, baseSha, ...(extra.source ? { source: extra.source } : {}) })));
      } catch (error) {
        findings.push({ ...internalError(ctx, `dynamic check ${check.name}`, error), category: check.category });
      }
    }
  }
  if (extra.adjust) findings = findings.flatMap(extra.adjust);
  const redact = createRedactor(configSecrets(ctx));
  findings = findings.map((finding) => ({ ...finding, message: redact(finding.message), fix: redact(finding.fix) }));
  const ran = new Set<FindingCategory>(dynamicChecks.map((check) => check.category));
  const skipped = (["tests", "performance"] as FindingCategory[]).filter((category) => !ran.has(category) || ctx.status === "deleted");
  return { slug: ctx.slug, dir: ctx.dir, status: ctx.status, categories: summarizeCategories(findings, skipped), findings, humanChecks: listHumanChecks(ctx, findings, ran.size > 0) };
}

/** A connector deleted and one added under the same display name: the slug was renamed. */
function flagRenamedSlugs(reports: ConnectorReport[], candidates: { slug: string; status: string; name: string }[]): void {
  for (const added of candidates.filter((c) => c.status === "added")) {
    const deleted = candidates.find((c) => c.status === "deleted" && c.name === added.name);
    const report = reports.find((r) => r.slug === added.slug);
    if (!deleted || !report) continue;
    report.findings.push({ rule: "package/renamed-slug", category: "package", severity: "error", file: report.dir, message: `renames the connector "${added.name}" from \`${deleted.slug}\` to \`${added.slug}\`; installations and the registry key on the slug`, fix: `keep plugins/${deleted.slug}; slugs never change after the first release` });
    report.categories.package = "fail";
  }
}

/** Error, warning and note counts over every connector's findings. */
export function totals(connectors: readonly ConnectorReport[]): ReviewReport["totals"] {
  const all = connectors.flatMap((c) => c.findings);
  return { error: all.filter((f) => f.severity === "error").length, warning: all.filter((f) => f.severity === "warning").length, info: all.filter((f) => f.severity === "info").length };
}

/**
 * Reviews the connectors a change touches: finds them from the git diff against the base ref (or
 * takes `paths`), runs every static check (and the dynamic ones given), and returns one report.
 * Bad input (no connector touched, a deleted connector, binary or huge files, unparsable sources,
 * an unknown base ref) becomes findings and notices, never an exception.
 *
 * @example
 * const report = await runReview({ paths: ["plugins/hello-world"] });
 * console.log(renderMarkdown(report));
 */
export async function runReview(options: ReviewOptions = {}): Promise<ReviewReport> {
  const cwd = options.cwd ?? process.cwd();
  const root = (await tryGit(cwd, ["rev-parse", "--show-toplevel"]))?.trim() || cwd;
  const notices: string[] = [];
  const base = await resolveBase(root, options.base);
  if (!base) notices.push(`Base ref ${options.base ? `\`${options.base}\`` : "`origin/main` / `main`"} not found: compared against nothing (changesets, breaking changes and new dependencies not checked).`);
  const changes = base ? await listChangedPaths(root, base.sha).catch(() => []) : [];
  const connectors: ChangedConnector[] = findChangedConnectors(changes, options.paths);
  const touched = connectors.filter((c) => c.status !== "unchanged");
  if (touched.length > 1) notices.push(`This change touches ${touched.length} connectors (${touched.map((c) => `\`${c.slug}\``).join(", ")}): one connector per pull request keeps reviews and releases independent.`);
  if (connectors.length === 0) notices.push("This change touches no connector (nothing under `plugins/<slug>/`): nothing to review.");
  const changesetFiles = await Promise.all(changesetPaths(changes).map(async (path) => ({ path, text: await readFile(join(root, path), "utf8").catch(() => "") })));
  const bumps = parseChangesets(changesetFiles);
  const reports: ConnectorReport[] = [];
  const renameCandidates: { slug: string; status: string; name: string }[] = [];
  for (const connector of connectors) {
    try {
      const packageName = await readFile(join(root, "plugins", connector.slug, "package.json"), "utf8").then((t) => JSON.parse(t).name as string).catch(() => `posthog-${connector.slug}-plugin`);
      const ctx = await loadConnectorContext({
        root,
        slug: connector.slug,
        status: connector.status,
        baseSha: base?.sha,
        changedFiles: connector.changes.map((c) => c.path),
        addedLines: await addedLinesOf(root, base?.sha, connector.changes),
        changesets: bumps.get(packageName) ?? [],
        acknowledgedCapabilities: options.acknowledgedCapabilities,
      });
      reports.push(await reviewConnectorContext(ctx, options.dynamicChecks ?? [], root, base?.sha));
      const name = ctx.status === "deleted" ? ctx.base?.manifest?.name : ctx.status === "added" ? ctx.manifest?.name : undefined;
      if (name) renameCandidates.push({ slug: ctx.slug, status: ctx.status, name });
    } catch (error) {
      const dir = `plugins/${connector.slug}`;
      const findings = [internalError({ dir }, "loading the connector", error)];
      reports.push({ slug: connector.slug, dir, status: connector.status, categories: summarizeCategories(findings, ["tests", "performance"]), findings, humanChecks: ["The review could not load this connector: review it by hand."] });
    }
  }
  flagRenamedSlugs(reports, renameCandidates);
  const head = (await tryGit(root, ["rev-parse", "HEAD"]))?.trim();
  const report: ReviewReport = { base: base?.ref, head, connectors: reports, notices, totals: totals(reports) };
  if (options.previous) report.sinceLastReview = compareWithPreviousReviews(reports, options.previous);
  return report;
}

/** True when any finding is an error: the CLI exits 1 and the check run fails. */
export function hasBlockingFindings(report: ReviewReport): boolean {
  return report.totals.error > 0;
}
