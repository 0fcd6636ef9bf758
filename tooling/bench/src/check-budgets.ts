import type { BenchResult, Budget, BudgetOutcome } from "./types.ts";

/** Compares each budgeted ratio (`<suite>/<figure name>`) with its target and its failure limit. */
export function checkBudgets(results: readonly BenchResult[], budgets: Record<string, Budget>): BudgetOutcome[] {
  return Object.entries(budgets)
    .filter(([key]) => !key.startsWith("$"))
    .map(([key, budget]) => {
      const result = results.find((r) => `${r.suite}/${r.name}` === key);
      const ratio = result?.ratio;
      if (ratio === undefined || Number.isNaN(ratio)) return { key, budget, status: "not measured" as const };
      const failed = budget.higherIsBetter ? budget.failBelow !== undefined && ratio < budget.failBelow : budget.failAbove !== undefined && ratio > budget.failAbove;
      const met = budget.higherIsBetter ? ratio >= budget.target : ratio <= budget.target;
      return { key, ratio, budget, status: failed ? "failed" : met ? "met" : "missed target" };
    });
}
