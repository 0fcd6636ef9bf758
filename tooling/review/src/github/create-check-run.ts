import type { Octokit } from "octokit";
import type { CheckAnnotation } from "../report/render-annotations.ts";
import type { PullRequestRef } from "./pull-request-ref.ts";

/** GitHub accepts at most 50 annotations per request. */
const BATCH = 50;

/** What the check run shows. */
export interface CheckRunContent {
  conclusion: "success" | "failure" | "neutral";
  title: string;
  summary: string;
  annotations: CheckAnnotation[];
}

/**
 * Creates the completed "connector review" check run on the PR head, with every annotation (sent in
 * batches of 50: the first with the create call, the rest as updates).
 */
export async function createCheckRun(octokit: Octokit, pr: PullRequestRef, content: CheckRunContent): Promise<number> {
  const summary = content.summary.length > 65_000 ? `${content.summary.slice(0, 65_000)}\n\n…(truncated; see the PR comment)` : content.summary;
  const batches = [];
  for (let i = 0; i < content.annotations.length; i += BATCH) batches.push(content.annotations.slice(i, i + BATCH));
  const [first = [], ...rest] = batches;
  const { data } = await octokit.rest.checks.create({
    owner: pr.owner,
    repo: pr.repo,
    name: "connector review",
    head_sha: pr.headSha,
    status: "completed",
    conclusion: content.conclusion,
    output: { title: content.title, summary, annotations: first },
  });
  for (const annotations of rest) {
    await octokit.rest.checks.update({ owner: pr.owner, repo: pr.repo, check_run_id: data.id, output: { title: content.title, summary, annotations } });
  }
  return data.id;
}
