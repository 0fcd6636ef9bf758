import type { Issue } from "@connectors/plugin-api";

/**
 * One problem in a workflow or composite action: the rule that found it, the file, the YAML path as a
 * JSON pointer (`/jobs/test/steps/2/uses`), the 1-based line when known, and how to fix it.
 */
export interface WorkflowIssue extends Issue {
  rule: string;
  file: string;
  line?: number;
}
