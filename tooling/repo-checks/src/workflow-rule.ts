import type { WorkflowFile } from "./load-workflow-file.ts";
import type { WorkflowIssue } from "./workflow-issue.ts";
import { toPointer } from "./workflow-model.ts";

/** One fork-safety or hygiene rule: a name, one line on why, and a pure check over a parsed file. */
export interface WorkflowRule {
  name: string;
  description: string;
  check(file: WorkflowFile): WorkflowIssue[];
}

/**
 * Builds an error-level issue for `rule` at a YAML path of `file`, with its line.
 *
 * @example
 * reportIssue(file, "require-pinned-actions", ["jobs", "a", "steps", 0, "uses"], "is not pinned", "pin by SHA")
 */
export function reportIssue(
  file: WorkflowFile,
  rule: string,
  path: readonly (string | number)[],
  message: string,
  fix: string,
  severity: WorkflowIssue["severity"] = "error",
): WorkflowIssue {
  const line = file.lineOf(path);
  const issue: WorkflowIssue = { rule, file: file.file, path: toPointer(path), message, severity, fix };
  if (line !== undefined) issue.line = line;
  return issue;
}
