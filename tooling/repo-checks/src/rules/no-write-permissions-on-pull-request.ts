import { reportIssue, type WorkflowRule } from "../workflow-rule.ts";
import { listWritePermissions } from "../permissions.ts";
import { hasTrigger, listJobs } from "../workflow-model.ts";

const NAME = "no-write-permissions-on-pull-request";

/**
 * A workflow triggered by `pull_request` runs the contributor's code, so neither the workflow nor any
 * job asks for a write scope. Writing back to the PR (comments, check runs, labels) happens in a
 * separate `workflow_run` workflow that never executes PR code.
 */
export const noWritePermissionsOnPullRequest: WorkflowRule = {
  name: NAME,
  description: "pull_request workflows run PR code and get read-only tokens; writes happen in a workflow_run workflow",
  check(file) {
    if (!hasTrigger(file, "pull_request")) return [];
    const targets = [
      { path: ["permissions"], value: file.data["permissions"] },
      ...listJobs(file).map(({ path, job }) => ({ path: [...path, "permissions"], value: job["permissions"] })),
    ];
    return targets.flatMap(({ path, value }) =>
      listWritePermissions(value).map((scope) =>
        reportIssue(
          file,
          NAME,
          path,
          `a pull_request workflow asks for "${scope}"; PR code could use that token`,
          "drop the write scope and post results from a workflow_run workflow that downloads this run's artifact",
        ),
      ),
    );
  },
};
