import type { Octokit } from "octokit";
import type { PullRequestRef } from "./pull-request-ref.ts";

/** Every file a pull request changes, across all pages, with its status (`added`, `removed`, ...). */
export async function listPullRequestFiles(octokit: Octokit, pr: PullRequestRef): Promise<{ filename: string; status: string }[]> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
  return files.map((file) => ({ filename: file.filename, status: file.status }));
}

/** The connector directories (`plugins/<slug>`) among a PR's files, sorted and unique. */
export function connectorPaths(files: readonly { filename: string }[]): string[] {
  return [...new Set(files.map((file) => /^plugins\/([^/]+)\/./.exec(file.filename)?.[1]).filter((slug): slug is string => Boolean(slug)))].sort().map((slug) => `plugins/${slug}`);
}
