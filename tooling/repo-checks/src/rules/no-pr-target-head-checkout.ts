import { reportIssue, type WorkflowRule } from "../workflow-rule.ts";
import { hasTrigger, isRecord, listSteps } from "../workflow-model.ts";

const NAME = "no-pr-target-head-checkout";
const PRIVILEGED_EVENTS = ["pull_request_target", "workflow_run", "issue_comment"];
/** Expressions and refs that point at the contributor's code. */
const PR_CODE = /github\s*\.\s*(event\s*\.\s*(pull_request|workflow_run|issue)\s*\.\s*(head|pull_request|head_sha|head_branch|head_repository|merge_commit_sha)|head_ref)|refs\/pull\//;
const RUN_FETCHING_PR_CODE = /\bgh\s+pr\s+checkout\b|\bgit\s+(fetch|checkout|pull)\b[^\n]*(refs\/pull\/|pull\/[^\s]*\/head|\$\{\{[^}]*head)/;

/**
 * A workflow that runs with a privileged token (`pull_request_target`, `workflow_run`, `issue_comment`)
 * never checks out or fetches the PR's code: `actions/checkout` with a PR head ref or repository, or
 * `gh pr checkout`/`git fetch …refs/pull/…` in a script. One `npm install` of that tree would run the
 * contributor's scripts with write access and secrets.
 */
export const noPrTargetHeadCheckout: WorkflowRule = {
  name: NAME,
  description: "privileged workflows (pull_request_target, workflow_run, issue_comment) never check out PR code",
  check(file) {
    if (!hasTrigger(file, ...PRIVILEGED_EVENTS)) return [];
    return listSteps(file).flatMap(({ path, step }) => {
      const uses = typeof step["uses"] === "string" ? step["uses"] : "";
      const inputs = isRecord(step["with"]) ? step["with"] : {};
      if (uses.startsWith("actions/checkout@")) {
        return (["ref", "repository"] as const)
          .filter((key) => typeof inputs[key] === "string" && PR_CODE.test(inputs[key]))
          .map((key) =>
            reportIssue(
              file,
              NAME,
              [...path, "with", key],
              `a privileged workflow checks out the pull request's code (${key}: ${String(inputs[key])})`,
              "check out only the default branch here; run PR code in a pull_request workflow and pass results as an artifact",
            ),
          );
      }
      const run = step["run"];
      return typeof run === "string" && RUN_FETCHING_PR_CODE.test(run)
        ? [
            reportIssue(
              file,
              NAME,
              [...path, "run"],
              "a privileged workflow fetches the pull request's code in a script",
              "read PR data through the API or an artifact from the pull_request run; never fetch or execute PR code here",
            ),
          ]
        : [];
    });
  },
};
