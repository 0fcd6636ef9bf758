export { NESTED_CHECK_MARKER, refuseNestedCheck } from "./nested-check-guard.ts";
export { standaloneChildEnv } from "./child-env.ts";
export { runBudgeted, stopAllBudgeted, type BudgetedRun, type ChildOutcome } from "./run-budgeted.ts";
export { openStandaloneSandbox, type StandaloneSandbox } from "./standalone-sandbox.ts";
export { packToolkit, publishedToolkit, type PackedPackage } from "./pack-toolkit.ts";
export { offlineLockfile } from "./offline-lockfile.ts";
export { installToolkitOffline } from "./install-toolkit-offline.ts";
export { StandaloneCheckError } from "./standalone-check-error.ts";
export { STEP_BUDGET_MS, STEP_TIMEOUT_MS, stepBudget } from "./step-budget.ts";
