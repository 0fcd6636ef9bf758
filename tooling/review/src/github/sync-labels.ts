import type { Octokit } from "octokit";
import type { PullRequestRef } from "./pull-request-ref.ts";

/** The labels the bot owns; it adds and removes only these. */
export const REVIEW_LABELS = { ready: "review: ready", changesNeeded: "review: changes needed", security: "security" } as const;

/**
 * Sets the bot's labels: `review: ready` or `review: changes needed`, plus `security` while a
 * security error stands. Other labels are left alone.
 */
export async function syncLabels(octokit: Octokit, pr: PullRequestRef, wanted: { blocked: boolean; security: boolean }): Promise<{ added: string[]; removed: string[] }> {
  const { data } = await octokit.rest.issues.listLabelsOnIssue({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, per_page: 100 });
  const current = new Set(data.map((label) => label.name));
  const want = new Set([wanted.blocked ? REVIEW_LABELS.changesNeeded : REVIEW_LABELS.ready, ...(wanted.security ? [REVIEW_LABELS.security] : [])]);
  const added = [...want].filter((label) => !current.has(label));
  const removed = Object.values(REVIEW_LABELS).filter((label) => current.has(label) && !want.has(label));
  if (added.length) await octokit.rest.issues.addLabels({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, labels: added });
  for (const name of removed) {
    await octokit.rest.issues.removeLabel({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, name }).catch((error: { status?: number }) => {
      if (error.status !== 404) throw error;
    });
  }
  return { added, removed };
}
