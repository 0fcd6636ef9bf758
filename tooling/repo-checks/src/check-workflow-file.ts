import type { WorkflowFile } from "./load-workflow-file.ts";
import type { WorkflowIssue } from "./workflow-issue.ts";
import type { WorkflowRule } from "./workflow-rule.ts";
import { WORKFLOW_RULES } from "./rules/index.ts";
import { runActionlint } from "./run-actionlint.ts";

/** Options for {@link checkWorkflowFile}. */
export interface CheckWorkflowOptions {
  /** Rules to apply (default: all of {@link WORKFLOW_RULES}). */
  rules?: readonly WorkflowRule[];
  /** Run actionlint too (default true). */
  actionlint?: boolean;
}

/**
 * Every issue in one parsed workflow or action: YAML syntax errors, actionlint findings and each repo rule.
 *
 * @example
 * const issues = await checkWorkflowFile(await loadWorkflowFile(".github/workflows/ci.yml"));
 */
export async function checkWorkflowFile(file: WorkflowFile, options: CheckWorkflowOptions = {}): Promise<WorkflowIssue[]> {
  if (file.syntaxErrors.length > 0) {
    return file.syntaxErrors.map((message) => ({
      rule: "yaml-syntax",
      file: file.file,
      path: "/",
      message,
      severity: "error",
      fix: "fix the YAML syntax",
    }));
  }
  const rules = options.rules ?? WORKFLOW_RULES;
  const lint = options.actionlint === false ? [] : await runActionlint(file);
  return [...lint, ...rules.flatMap((rule) => rule.check(file))];
}
