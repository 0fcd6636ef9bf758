import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ConnectorsError } from "@connectors/plugin-api";
import { createGitHubClient } from "./github/create-github-client.ts";
import { postReviewReport } from "./github/post-review-report.ts";
import { reviewPullRequest } from "./github/review-pull-request.ts";
import type { DynamicCheck } from "./dynamic/types.ts";
import { renderJson } from "./report/render-json.ts";
import { renderMarkdown } from "./report/render-markdown.ts";
import { toReviewState, toValidReviewState } from "./report/review-state.ts";
import type { ReviewState } from "./report/types.ts";
import { tryGit } from "./context/git.ts";
import { isRepositoryConnector } from "./context/is-repository-connector.ts";
import { reviewSource } from "./external/review-source.ts";
import { SourceReviewError } from "./external/source-review-error.ts";
import { hasBlockingFindings, runReview } from "./run-review.ts";

/** Where a local run remembers its findings, so the next run can say what changed (`.connectors/` is git-ignored). */
async function localStateFile(cwd: string): Promise<string> {
  const root = (await tryGit(cwd, ["rev-parse", "--show-toplevel"]))?.trim() || cwd;
  return join(root, ".connectors", "review-state.json");
}

function readLocalState(file: string): ReviewState | undefined {
  try {
    return existsSync(file) ? toValidReviewState(JSON.parse(readFileSync(file, "utf8"))) : undefined;
  } catch {
    return undefined;
  }
}

function writeLocalState(file: string, state: ReviewState): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
  } catch {
    // A read-only checkout only loses the "since last review" section.
  }
}

/** Usage text of the review command. */
export const REVIEW_USAGE = `Usage: connectors review [--path plugins/x ...] [--base REF] [--json] [--dynamic] [--github [--dry-run] [--pr N] [--repo owner/name] [--head-sha SHA] [--api-url URL]]
       connectors review <dir | file.tgz | npm-name@version | https://github.com/o/r[/tree/ref/dir] | https://gitlab.com/g/p> [--json] [--dynamic]

Reviews the connectors a change touches (git diff against --base, default origin/main, else main) and
prints one report. Given a connector from outside the repository, reviews it the same way without
running any of its code on this machine (--dynamic runs it only in the sandbox).
Exit codes: 0 clean, 1 the review found an error-level problem, 2 the review could not run (a bad
command line, a source that cannot be fetched, is not a connector, or breaks the archive limits).

  --path      review this connector directory (repeatable); default: every connector the diff touches
  --base      ref to compare with (published config keys, changesets, new dependencies)
  --json      print the JSON report instead of Markdown
  --dynamic   also run checks that execute the connector (tests, coverage, benchmarks); never with a write token
  --acknowledge-capabilities TOKEN
              a maintainer acknowledges the capability change with this token (cap-…, from the report); repeatable
  --github    post the sticky PR comment, check run and labels (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_API_URL)
  --dry-run   with --github: read from GitHub, render, write nothing
  --post-from-artifact DIR --pr N --head-sha SHA [--repo owner/name]
              post a report computed earlier (DIR/review.json from review.yml's artifact): re-render it with
              the trusted renderer and update the sticky comment, check run and labels; reviews nothing`;

/** Thrown for a bad command line or missing GitHub settings. */
export class ReviewUsageError extends ConnectorsError {
  constructor(message: string) {
    super("REVIEW_USAGE", `${message}\n\n${REVIEW_USAGE}`);
  }
}

/** Where the CLI writes and which dynamic checks it may run. */
export interface ReviewCliIo {
  stdout: (text: string) => void;
  /** Where errors go (default: the process's stderr). */
  stderr?: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Loaded lazily: the dynamic checks need the harness. */
  loadDynamicChecks?: () => Promise<DynamicCheck[]>;
}

function pullRequestFromEnv(env: NodeJS.ProcessEnv, values: { pr?: string; repo?: string; "head-sha"?: string }) {
  const event = env.GITHUB_EVENT_PATH ? (JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")) as { pull_request?: { number: number; head: { sha: string } } }) : {};
  const [owner, repo] = (values.repo ?? env.GITHUB_REPOSITORY ?? "").split("/");
  const number = Number(values.pr ?? event.pull_request?.number);
  const headSha = values["head-sha"] ?? event.pull_request?.head.sha;
  if (!owner || !repo || !number || !headSha) throw new ReviewUsageError("--github needs the pull request: set --repo/--pr/--head-sha, or run in a pull_request workflow (GITHUB_REPOSITORY, GITHUB_EVENT_PATH)");
  return { owner, repo, number, headSha };
}

/**
 * Runs the review command: parses `argv`, reviews, prints Markdown or JSON, and (with `--github`)
 * publishes to the pull request. Returns the exit code: 1 on any error-level finding.
 *
 * @throws ReviewUsageError for unknown flags or missing GitHub settings
 */
/**
 * Runs the review command from raw arguments (`bin.ts`): parses `argv`, then {@link runReviewCommand}.
 *
 * @throws ReviewUsageError for unknown flags or missing GitHub settings
 */
export async function runReviewCli(argv: string[], io: ReviewCliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: REVIEW_OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new ReviewUsageError(error instanceof Error ? error.message : String(error));
  }
  return runReviewCommand({ positionals: parsed.positionals, values: parsed.values }, io);
}

/** The review command's flags (node:util parseArgs shape; the `connectors` CLI reuses them). */
export const REVIEW_OPTIONS = {
  path: { type: "string", multiple: true },
  base: { type: "string" },
  json: { type: "boolean" },
  "dry-run": { type: "boolean" },
  dynamic: { type: "boolean" },
  github: { type: "boolean" },
  pr: { type: "string" },
  repo: { type: "string" },
  "head-sha": { type: "string" },
  "api-url": { type: "string" },
  "post-from-artifact": { type: "string" },
  "acknowledge-capabilities": { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

/** Parsed review flags. */
export interface ReviewCommandArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

/**
 * Runs the review command with already-parsed flags (the `connectors review` entry): reviews,
 * prints Markdown or JSON, and with `--github` publishes to the pull request. Returns the exit code:
 * 1 on any error-level finding.
 *
 * @throws ReviewUsageError for missing GitHub settings
 */
export async function runReviewCommand(args: ReviewCommandArgs, io: ReviewCliIo): Promise<number> {
  const values = args.values as { path?: string[]; "acknowledge-capabilities"?: string[]; base?: string; json?: boolean; "dry-run"?: boolean; dynamic?: boolean; github?: boolean; pr?: string; repo?: string; "head-sha"?: string; "api-url"?: string; "post-from-artifact"?: string; help?: boolean };
  const positionals = args.positionals;
  if (values.help) {
    io.stdout(`${REVIEW_USAGE}\n`);
    return 0;
  }
  const env = io.env ?? process.env;
  if (values["post-from-artifact"]) return postFromArtifact(values["post-from-artifact"], values, env, io);
  const paths = [...(values.path ?? []), ...positionals];
  const dynamicChecks = values.dynamic && io.loadDynamicChecks ? await io.loadDynamicChecks() : [];
  const outside = await outsideSources(paths, io.cwd ?? process.cwd());
  if (outside.length) return reviewOutsideSource(outside, paths, values, dynamicChecks, io);
  const options = { cwd: io.cwd, base: values.base, paths: paths.length ? paths : undefined, dynamicChecks, acknowledgedCapabilities: values["acknowledge-capabilities"] };
  if (values.github) {
    const token = env.GITHUB_TOKEN;
    if (!token) throw new ReviewUsageError("--github needs GITHUB_TOKEN");
    const octokit = createGitHubClient({ token, baseUrl: values["api-url"] ?? env.GITHUB_API_URL });
    const result = await reviewPullRequest({ ...options, octokit, pr: pullRequestFromEnv(env, values), dryRun: values["dry-run"] });
    io.stdout(values.json ? renderJson(result.report) : `${result.markdown}\n${result.actions.map((a) => `# ${a}`).join("\n")}\n`);
    return hasBlockingFindings(result.report) ? 1 : 0;
  }
  const stateFile = await localStateFile(io.cwd ?? process.cwd());
  const previous = readLocalState(stateFile);
  const report = await runReview({ ...options, previous });
  writeLocalState(stateFile, toReviewState(report, previous));
  io.stdout(values.json ? renderJson(report) : renderMarkdown(report, { plain: true }));
  return hasBlockingFindings(report) ? 1 : 0;
}

/** The given paths that are not connectors of this repository (`plugins/<slug>` or a slug there). */
async function outsideSources(paths: readonly string[], cwd: string): Promise<string[]> {
  if (paths.length === 0) return [];
  const root = (await tryGit(cwd, ["rev-parse", "--show-toplevel"]))?.trim() || cwd;
  return paths.filter((path) => !isRepositoryConnector(root, cwd, path));
}

async function reviewOutsideSource(outside: string[], paths: string[], values: { json?: boolean; github?: boolean; "acknowledge-capabilities"?: string[] }, dynamicChecks: DynamicCheck[], io: ReviewCliIo): Promise<number> {
  if (paths.length > 1) throw new ReviewUsageError(`review one connector from outside the repository at a time (got ${paths.length} paths, ${outside.length} outside: ${outside.join(", ")})`);
  if (values.github) throw new ReviewUsageError("--github reviews pull requests; a connector from outside the repository is reviewed locally (or brought in with `connectors submit`)");
  const stateFile = await localStateFile(io.cwd ?? process.cwd());
  const previous = readLocalState(stateFile);
  let report;
  try {
    report = await reviewSource(outside[0]!, { cwd: io.cwd, dynamicChecks, previous, acknowledgedCapabilities: values["acknowledge-capabilities"] });
  } catch (error) {
    if (!(error instanceof SourceReviewError)) throw error;
    (io.stderr ?? ((text) => process.stderr.write(text)))(`error: ${error.message}\n`);
    return 2;
  }
  writeLocalState(stateFile, toReviewState(report, previous));
  io.stdout(values.json ? renderJson(report) : renderMarkdown(report, { plain: true }));
  return hasBlockingFindings(report) ? 1 : 0;
}

async function postFromArtifact(dir: string, values: { pr?: string; repo?: string; "head-sha"?: string; "api-url"?: string; "dry-run"?: boolean; json?: boolean }, env: NodeJS.ProcessEnv, io: ReviewCliIo): Promise<number> {
  const token = env.GITHUB_TOKEN;
  if (!token) throw new ReviewUsageError("--post-from-artifact needs GITHUB_TOKEN");
  const [owner, repo] = (values.repo ?? env.GITHUB_REPOSITORY ?? "").split("/");
  const number = Number(values.pr);
  const headSha = values["head-sha"] ?? "";
  if (!owner || !repo || !Number.isSafeInteger(number) || number < 1 || !/^[0-9a-f]{40}$/.test(headSha)) {
    throw new ReviewUsageError("--post-from-artifact needs --pr N, --head-sha <40 hex> and --repo owner/name (or GITHUB_REPOSITORY)");
  }
  let reportJson: string;
  try {
    reportJson = readFileSync(join(dir, "review.json"), "utf8");
  } catch {
    throw new ReviewUsageError(`--post-from-artifact: ${join(dir, "review.json")} cannot be read; pass the verified artifact directory`);
  }
  const octokit = createGitHubClient({ token, baseUrl: values["api-url"] ?? env.GITHUB_API_URL });
  const result = await postReviewReport({ octokit, pr: { owner, repo, number, headSha }, reportJson, dryRun: values["dry-run"] });
  io.stdout(values.json ? renderJson(result.report) : `${result.actions.map((a) => `# ${a}`).join("\n")}\n`);
  return 0;
}
