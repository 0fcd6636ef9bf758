export type { WorkflowIssue } from "./workflow-issue.ts";
export { loadWorkflowFile, parseWorkflowFile, type WorkflowFile, type WorkflowFileKind } from "./load-workflow-file.ts";
export { hasTrigger, listJobs, listSteps, listTriggers, toPointer, type LocatedJob, type LocatedStep } from "./workflow-model.ts";
export { listWritePermissions } from "./permissions.ts";
export { reportIssue, type WorkflowRule } from "./workflow-rule.ts";
export {
  WORKFLOW_RULES,
  findUntrustedReferences,
  noPrTargetHeadCheckout,
  noSecretsOnPullRequest,
  noUntrustedInterpolation,
  noWritePermissionsOnPullRequest,
  requireCheckoutWithoutCredentials,
  requirePinnedActions,
  requireTopLevelPermissions,
} from "./rules/index.ts";
export { runActionlint, wrapCompositeAction } from "./run-actionlint.ts";
export { checkWorkflowFile, type CheckWorkflowOptions } from "./check-workflow-file.ts";
export { findWorkflowFiles } from "./find-workflow-files.ts";
export { checkRepository, formatWorkflowIssues, type RepositoryReport } from "./check-repository.ts";
