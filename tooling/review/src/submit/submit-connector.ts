import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { runtimeSources } from "../ast/finding-at.ts";
import { capabilitiesOf } from "../analysis/capabilities.ts";
import { analyzeSources } from "../analysis/connector-analysis.ts";
import { createConnectorContext } from "../context/create-connector-context.ts";
import { git, tryGit } from "../context/git.ts";
import { listWorkspacePackages } from "../context/list-workspace-packages.ts";
import { reviewSnapshot, supplyForReview, type SourceReviewOptions } from "../external/review-source.ts";
import { slugOfSnapshot } from "../external/slug-of-snapshot.ts";
import { SourceReviewError } from "../external/source-review-error.ts";
import type { ReviewReport } from "../report/types.ts";
import { submissionFiles } from "./submission-files.ts";
import { SubmitError } from "./submit-error.ts";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Options of {@link submitConnector}. */
export interface SubmitOptions extends Pick<SourceReviewOptions, "cwd" | "supply" | "npmRegistry" | "githubUrl" | "gitlabUrl" | "fetch" | "limits"> {
  /** The slug to use (default: from package.json `posthog-<slug>-plugin`, else plugin.json's name). */
  slug?: string;
  /** The branch to create (default `submit/<slug>`). */
  branch?: string;
  /** Create the branch even when the review reports errors (they stay in the PR's review). */
  allowFindings?: boolean;
}

/** What {@link submitConnector} did. */
export interface SubmittedConnector {
  slug: string;
  /** `plugins/<slug>`. */
  dir: string;
  /** The branch holding the commit, or undefined when nothing was written (review errors). */
  branch?: string;
  commit?: string;
  /** Repository paths written. */
  files: string[];
  report: ReviewReport;
}

async function cleanWorkspace(root: string, spec: string): Promise<void> {
  if (!existsSync(join(root, "pnpm-workspace.yaml"))) throw new SubmitError(spec, `${root} is not the connectors repository (no pnpm-workspace.yaml). Fix: run it inside a clone`);
  const dirty = (await git(root, ["status", "--porcelain", "--untracked-files=no"])).trim();
  if (dirty) throw new SubmitError(spec, `the checkout has uncommitted changes (${dirty.split("\n").length} file(s)). Fix: commit or stash them first; submit creates its own branch`);
}

async function writeOnBranch(root: string, branch: string, writes: Map<string, Buffer>, message: string, spec: string): Promise<string> {
  const previous = (await git(root, ["rev-parse", "--abbrev-ref", "HEAD"])).trim();
  if (await tryGit(root, ["rev-parse", "--verify", "--quiet", `refs/heads/${branch}`])) throw new SubmitError(spec, `branch ${branch} already exists. Fix: --branch <another>, or delete it`);
  await git(root, ["switch", "--quiet", "-c", branch]);
  try {
    for (const [path, bytes] of writes) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), bytes, { flag: "wx" });
    }
    await git(root, ["add", "--", ...writes.keys()]);
    await git(root, ["-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "-m", message]);
    return (await git(root, ["rev-parse", "HEAD"])).trim();
  } catch (error) {
    await tryGit(root, ["reset", "--quiet", "--", ...writes.keys()]);
    for (const path of writes.keys()) rmSync(join(root, path), { force: true });
    await tryGit(root, ["switch", "--quiet", previous]);
    await tryGit(root, ["branch", "--quiet", "-D", branch]);
    throw new SubmitError(spec, `writing the branch failed (${error instanceof Error ? error.message.split("\n")[0] : String(error)}); nothing was kept`, { cause: error });
  }
}

/**
 * Brings a connector from outside the repository in as `plugins/<slug>` on a new branch, ready for a
 * pull request: reads it through the supply step (the same refusals as `connectors install`: caps,
 * links and unsafe archive entries, an invalid plugin.json), reviews it statically (nothing of it
 * runs), and unless the review has errors writes the package in the repository's shape (package.json
 * rewritten without lifecycle scripts, a test scaffold when it has no tests, README, CHANGELOG) plus
 * `.changeset/<slug>-initial.md`, committed on `submit/<slug>`.
 *
 * @throws SubmitError when the source cannot be read, the slug is taken, the checkout is not clean, or git fails
 */
export async function submitConnector(spec: string, options: SubmitOptions = {}): Promise<SubmittedConnector> {
  const cwd = options.cwd ?? process.cwd();
  const root = (await tryGit(cwd, ["rev-parse", "--show-toplevel"]))?.trim();
  if (!root) throw new SubmitError(spec, `${cwd} is not inside a git checkout. Fix: run it in a clone of the connectors repository`);
  await cleanWorkspace(root, spec);
  let snapshot;
  try {
    snapshot = await supplyForReview(spec, { cwd, supply: options.supply, npmRegistry: options.npmRegistry, githubUrl: options.githubUrl, gitlabUrl: options.gitlabUrl, fetch: options.fetch, limits: options.limits });
  } catch (error) {
    throw error instanceof SourceReviewError ? new SubmitError(spec, error.message.replace(/^Cannot review [^:]*:\s*/, ""), { cause: error }) : error;
  }
  const slug = options.slug ?? slugOfSnapshot(snapshot);
  if (!slug || !SLUG.test(slug)) throw new SubmitError(spec, `${slug ? `"${slug}" is not` : "neither package.json nor plugin.json names"} a kebab-case slug. Fix: --slug my-connector`);
  const dir = `plugins/${slug}`;
  if (existsSync(join(root, dir))) throw new SubmitError(spec, `${dir} already exists. Fix: change it with an ordinary pull request, or choose another --slug`);
  const report = await reviewSnapshot(snapshot, spec, { cwd: root, slug });
  if (report.totals.error > 0 && !options.allowFindings) return { slug, dir, files: [], report };
  const sources = createConnectorContext(snapshot.files, { slug, dir, status: "added", changedFiles: [], addedLines: [], changesets: [], installedDependencies: {}, refusedFiles: [], workspacePackages: [], acknowledgedCapabilities: [], origin: "external" }).sources;
  const capabilities = capabilitiesOf(analyzeSources(runtimeSources(sources)), dir, snapshot.manifest);
  const { files, changeset } = submissionFiles({ slug, snapshot, capabilities, label: snapshot.label, workspacePackages: listWorkspacePackages(root) });
  const writes = new Map<string, Buffer>([...[...files].map(([path, bytes]): [string, Buffer] => [`${dir}/${path}`, bytes]), [changeset.path, Buffer.from(changeset.text)]]);
  if (existsSync(join(root, changeset.path))) throw new SubmitError(spec, `${changeset.path} already exists. Fix: remove it or choose another --slug`);
  const branch = options.branch ?? `submit/${slug}`;
  const commit = await writeOnBranch(root, branch, writes, `${slug}: submit from ${snapshot.label}`, spec);
  return { slug, dir, branch, commit, files: [...writes.keys()], report };
}
