import { copyFile, mkdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { ConnectorsError } from "@connectors/plugin-api";

/** The files review.yml uploads in the `review-report` artifact. */
export const REVIEW_ARTIFACT_FILES = ["pull-request.json", "review.json", "review.md"] as const;

/** Largest artifact file accepted (the comment limit is 65,536 characters; reports are far smaller). */
export const MAX_ARTIFACT_FILE_BYTES = 2 * 1024 * 1024;

/** A review artifact whose shape was checked and whose pull request was matched to the run's commit. */
export interface VerifiedReviewArtifact {
  pullRequest: number;
  headSha: string;
  /** Exit code of `pnpm connectors review` (1 = error-level findings). */
  exitCode: number;
  /** The parsed JSON report (its inner shape is the review package's to check). */
  report: unknown;
  markdown: string;
}

/** Thrown when the review artifact is missing, malformed, oversized or for another commit; nothing is posted. */
export class ReviewArtifactError extends ConnectorsError {
  constructor(message: string) {
    super("REVIEW_ARTIFACT_INVALID", message);
    this.name = "ReviewArtifactError";
  }
}

/** Options for {@link verifyReviewArtifact}. */
export interface VerifyArtifactOptions {
  /** `github.event.workflow_run.head_sha`: the commit GitHub says the review ran on (trusted). */
  headSha: string;
  /**
   * Returns the current head SHA of a pull request (from the GitHub API), or undefined when the pull
   * request does not exist. Used to check the artifact's PR number, which PR code wrote.
   */
  fetchPullRequestHead: (pullRequest: number) => Promise<string | undefined>;
}

/**
 * Reads the `review-report` artifact as untrusted data (PR code wrote it) and checks it before anything
 * is posted with a write token: the three files exist and are small, `pull-request.json` has an integer
 * PR number and a 40-hex SHA equal to the run's head SHA, `review.json` parses, and the pull request's
 * current head on GitHub is that same SHA (so a PR cannot make the bot write on another PR, and a stale
 * run does not overwrite a newer report).
 *
 * @param dir - where actions/download-artifact put the files
 * @throws ReviewArtifactError naming the file and what is wrong
 * @example
 * const artifact = await verifyReviewArtifact(dir, { headSha, fetchPullRequestHead });
 */
export async function verifyReviewArtifact(dir: string, options: VerifyArtifactOptions): Promise<VerifiedReviewArtifact> {
  if (!/^[0-9a-f]{40}$/.test(options.headSha)) {
    throw new ReviewArtifactError(`--head-sha must be the workflow run's 40-hex head SHA, got "${options.headSha.slice(0, 80)}"`);
  }
  const pullRequestText = await readArtifactFile(dir, "pull-request.json");
  const reportText = await readArtifactFile(dir, "review.json");
  const markdown = await readArtifactFile(dir, "review.md");
  const meta = parseJson("pull-request.json", pullRequestText);
  const pullRequest = isRecord(meta) ? meta["pullRequest"] : undefined;
  const headSha = isRecord(meta) ? meta["headSha"] : undefined;
  const exitCode = isRecord(meta) ? meta["exitCode"] : undefined;
  if (typeof pullRequest !== "number" || !Number.isSafeInteger(pullRequest) || pullRequest < 1) {
    throw new ReviewArtifactError(`pull-request.json: "pullRequest" must be a positive integer, got ${JSON.stringify(pullRequest)}`);
  }
  if (headSha !== options.headSha) {
    throw new ReviewArtifactError(`pull-request.json: "headSha" ${JSON.stringify(headSha)} is not the run's head SHA ${options.headSha}`);
  }
  if (typeof exitCode !== "number" || !Number.isInteger(exitCode)) {
    throw new ReviewArtifactError(`pull-request.json: "exitCode" must be an integer, got ${JSON.stringify(exitCode)}`);
  }
  const report = parseJson("review.json", reportText);
  const currentHead = await options.fetchPullRequestHead(pullRequest);
  if (currentHead !== options.headSha) {
    throw new ReviewArtifactError(
      currentHead === undefined
        ? `pull request #${pullRequest} does not exist in this repository`
        : `pull request #${pullRequest} is at ${currentHead}, not ${options.headSha}: the report is for another or an older commit`,
    );
  }
  return { pullRequest, headSha: options.headSha, exitCode, report, markdown };
}

/**
 * Copies a verified artifact's files to `outDir`, for the review package's poster to read.
 *
 * @param from - the downloaded artifact directory
 * @param outDir - created if missing
 */
export async function copyVerifiedArtifact(from: string, outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await Promise.all(REVIEW_ARTIFACT_FILES.map((name) => copyFile(join(from, name), join(outDir, name))));
}

async function readArtifactFile(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new ReviewArtifactError(`${name} is missing from the review artifact (looked in ${dir})`);
  if (info.size > MAX_ARTIFACT_FILE_BYTES) {
    throw new ReviewArtifactError(`${name} is ${info.size} bytes, over the ${MAX_ARTIFACT_FILE_BYTES}-byte limit`);
  }
  return readFile(path, "utf8");
}

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ReviewArtifactError(`${name} is not valid JSON (${(error as Error).message})`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
