import { reportIssue, type WorkflowRule } from "../workflow-rule.ts";
import { isRecord, listSteps } from "../workflow-model.ts";

const NAME = "require-checkout-without-credentials";

/**
 * Every `actions/checkout` sets `persist-credentials: false`, so the job token is not left in
 * `.git/config` for later steps (dependency install scripts, tests, PR code) to read.
 */
export const requireCheckoutWithoutCredentials: WorkflowRule = {
  name: NAME,
  description: "actions/checkout does not persist the token into .git/config",
  check(file) {
    return listSteps(file)
      .filter(({ step }) => typeof step["uses"] === "string" && step["uses"].startsWith("actions/checkout@"))
      .filter(({ step }) => {
        const value = isRecord(step["with"]) ? step["with"]["persist-credentials"] : undefined;
        return value !== false && value !== "false";
      })
      .map(({ path }) =>
        reportIssue(
          file,
          NAME,
          [...path, "uses"],
          "actions/checkout keeps the job token in .git/config for every later step",
          "add `with: persist-credentials: false` (push with `gh auth setup-git` in the one step that needs it)",
        ),
      );
  },
};
