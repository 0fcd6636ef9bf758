import { existsSync } from "node:fs";
import { join } from "node:path";
import { sourceFromSnapshot, type PackageSnapshot, type SupplyLimits } from "@connectors/harness";
import { compareWithPreviousReviews } from "../report/compare-with-previous-reviews.ts";
import type { ReviewReport, ReviewState } from "../report/types.ts";
import { createConnectorContext } from "../context/create-connector-context.ts";
import { resolveBase, tryGit } from "../context/git.ts";
import { listWorkspacePackages } from "../context/list-workspace-packages.ts";
import { readBaseSnapshot } from "../context/read-base-snapshot.ts";
import type { DynamicCheck } from "../dynamic/types.ts";
import { reviewConnectorContext, totals } from "../run-review.ts";
import type { AddedLine, ConnectorContext, Finding } from "../types.ts";
import { slugOfSnapshot } from "./slug-of-snapshot.ts";
import { SourceReviewError } from "./source-review-error.ts";

/** Where remote sources are fetched from (loopback fakes in tests), and the supply caps. */
export interface SupplyEndpoints {
  npmRegistry?: string;
  githubUrl?: string;
  gitlabUrl?: string;
  fetch?: typeof fetch;
  limits?: Partial<SupplyLimits>;
}

/** The supply step: a source spec to a validated in-memory package snapshot (the harness's `supplySource`). */
export type SupplyPackage = (spec: string, options: SupplyEndpoints & { cwd: string }) => Promise<PackageSnapshot>;

/** Options of {@link reviewSource}. */
export interface SourceReviewOptions extends SupplyEndpoints {
  /** A directory inside the repository the review runs in (default: the current directory). */
  cwd?: string;
  /** How to read the source (default: the harness supply step). */
  supply?: SupplyPackage;
  /** Checks that run the connector; for an outside source only those that use the sandbox run. */
  dynamicChecks?: DynamicCheck[];
  previous?: ReviewState;
  acknowledgedCapabilities?: readonly string[];
}

/** Packaging rules `connectors submit` takes care of: for an outside source they are notes, not problems. */
const SUBMIT_WRITES = new Set(["package/naming", "package/required-files", "package/readme-sections"]);

function asSubmission(finding: Finding): Finding[] {
  if (finding.rule === "package/changeset") return [];
  if (!SUBMIT_WRITES.has(finding.rule) || finding.severity === "info") return [finding];
  return [{ ...finding, severity: "info", fix: `\`connectors submit\` takes care of it (${finding.fix})` }];
}

/** Every line of every text file: for an outside source, everything is new. */
function allLines(ctx: Pick<ConnectorContext, "files">): AddedLine[] {
  return ctx.files.filter((file) => !file.binary && !file.tooLarge).flatMap((file) => file.text.split("\n").map((text, index) => ({ file: file.file, line: index + 1, text })));
}

/**
 * Reads a source through the supply step (default: the harness's `supplySource`), turning every
 * failure into a {@link SourceReviewError} that names the source and the cause.
 */
export async function supplyForReview(spec: string, options: SupplyEndpoints & { cwd: string; supply?: SupplyPackage }): Promise<PackageSnapshot> {
  const supply = options.supply ?? (await defaultSupply());
  const { supply: _ignored, ...endpoints } = options;
  try {
    return await supply(spec, endpoints);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SourceReviewError(spec, message.replace(/^Cannot (read|install) [^:]*:\s*/, ""), { cause: error });
  }
}

/**
 * Reviews a connector that is not in the repository — a directory elsewhere, a `.tgz`, an npm
 * `name@version`, a GitHub/GitLab URL — with the same report as a pull request: the supply step reads
 * it into memory (caps, refused files and archive entries, plugin.json validated), the static review
 * runs on that snapshot only, and nothing of it is evaluated on the host (dynamic checks, when given,
 * run it in the sandbox). It is reviewed as `plugins/<slug>`, where `connectors submit` would put it,
 * against the published connector of that slug on main when there is one (capability changes).
 *
 * @throws SourceReviewError when the source cannot be fetched, is not a connector, or breaks a cap
 */
export async function reviewSource(spec: string, options: SourceReviewOptions = {}): Promise<ReviewReport> {
  const cwd = options.cwd ?? process.cwd();
  const snapshot = await supplyForReview(spec, { cwd, supply: options.supply, npmRegistry: options.npmRegistry, githubUrl: options.githubUrl, gitlabUrl: options.gitlabUrl, fetch: options.fetch, limits: options.limits });
  return reviewSnapshot(snapshot, spec, options);
}

/**
 * The review of an already supplied package (see {@link reviewSource}); `slug` overrides the one its
 * package.json / plugin.json name gives.
 *
 * @throws SourceReviewError when no slug can be found
 */
export async function reviewSnapshot(snapshot: PackageSnapshot, spec: string, options: Omit<SourceReviewOptions, keyof SupplyEndpoints | "supply"> & { slug?: string } = {}): Promise<ReviewReport> {
  const cwd = options.cwd ?? process.cwd();
  const root = (await tryGit(cwd, ["rev-parse", "--show-toplevel"]))?.trim() || cwd;
  const slug = options.slug ?? slugOfSnapshot(snapshot);
  if (!slug) throw new SourceReviewError(spec, `neither package.json "name" nor plugin.json "name" gives a kebab-case slug. Fix: name the package "posthog-<slug>-plugin"`);
  const dir = `plugins/${slug}`;
  const base = existsSync(join(root, dir)) ? await resolveBase(root) : undefined;
  const baseSnapshot = base ? await readBaseSnapshot(root, base.sha, dir, base.ref, true) : undefined;
  const surroundings = {
    slug,
    dir,
    status: baseSnapshot ? ("modified" as const) : ("added" as const),
    base: baseSnapshot,
    changedFiles: [...snapshot.files.keys()].map((path) => `${dir}/${path}`),
    addedLines: [],
    changesets: [],
    installedDependencies: {},
    refusedFiles: [],
    workspacePackages: listWorkspacePackages(root),
    acknowledgedCapabilities: options.acknowledgedCapabilities ?? [],
    origin: "external" as const,
  };
  const draft = createConnectorContext(snapshot.files, surroundings);
  const ctx: ConnectorContext = { ...draft, addedLines: allLines(draft) };
  const dynamic = (options.dynamicChecks ?? []).filter((check) => check.category === "performance");
  const connector = await reviewConnectorContext(ctx, dynamic, root, base?.sha, { source: sourceFromSnapshot(snapshot, slug), adjust: asSubmission });
  const report: ReviewReport = {
    ...(baseSnapshot ? { base: base!.ref } : {}),
    source: snapshot.label,
    connectors: [connector],
    notices: [`Reviewed from outside this repository (${snapshot.label}) as \`${dir}\`${baseSnapshot ? `, compared with the published \`${dir}\` on ${base!.ref}` : ", a new connector"}. Nothing of it ran on this machine${dynamic.length ? " outside the sandbox" : ""}.`],
    totals: totals([connector]),
  };
  if (options.previous) report.sinceLastReview = compareWithPreviousReviews(report.connectors, options.previous);
  return report;
}

async function defaultSupply(): Promise<SupplyPackage> {
  const harness = await import("@connectors/harness");
  return (spec, options) => harness.supplySource(spec, options);
}
