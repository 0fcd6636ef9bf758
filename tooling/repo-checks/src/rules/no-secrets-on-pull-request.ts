import { reportIssue, type WorkflowRule } from "../workflow-rule.ts";
import { hasTrigger, listJobs } from "../workflow-model.ts";

const NAME = "no-secrets-on-pull-request";
const SECRETS_EXPRESSION = /\$\{\{[^}]*\bsecrets\s*(\.|\[)/;

/**
 * A workflow triggered by `pull_request` references no `secrets.*` (nor `secrets: inherit`): the job runs
 * code from the PR, and anything it can read, the PR can print or send away.
 */
export const noSecretsOnPullRequest: WorkflowRule = {
  name: NAME,
  description: "pull_request workflows run PR code, so they must not read secrets",
  check(file) {
    if (!hasTrigger(file, "pull_request")) return [];
    return listJobs(file).flatMap(({ path, jobId, job }) => {
      const found: (string | number)[][] = [];
      walk(job, path, (value, at) => {
        if (typeof value === "string" && SECRETS_EXPRESSION.test(value)) found.push(at);
      });
      if (job["secrets"] !== undefined) found.push([...path, "secrets"]);
      return found.map((at) =>
        reportIssue(
          file,
          NAME,
          at,
          `job "${jobId}" runs on pull_request but reads secrets`,
          "move the step that needs the secret to a push or workflow_run workflow that does not run PR code",
        ),
      );
    });
  },
};

function walk(value: unknown, path: (string | number)[], visit: (value: unknown, path: (string | number)[]) => void): void {
  visit(value, path);
  if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index], visit));
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) walk(item, [...path, key], visit);
  }
}
