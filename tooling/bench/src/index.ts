export { runBench, readBudgets, SUITES } from "./run-bench.ts";
export { checkBudgets } from "./check-budgets.ts";
export { median, throughput, timed, slowdown } from "./measure.ts";
export { renderTable } from "./report/render-table.ts";
export { renderSvg } from "./report/render-svg.ts";
export type { BenchResult, BenchRun, BenchSuite, Budget, BudgetOutcome } from "./types.ts";
