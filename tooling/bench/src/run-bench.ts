import { readFileSync } from "node:fs";
import { checkBudgets } from "./check-budgets.ts";
import { machineFacts } from "./machine.ts";
import { chainsSuite } from "./suites/chains.ts";
import { configsSuite } from "./suites/configs.ts";
import { harnessOverheadSuite } from "./suites/harness-overhead.ts";
import { registrySuite } from "./suites/registry.ts";
import { reviewSuite } from "./suites/review.ts";
import { testsSuite } from "./suites/tests.ts";
import type { BenchContext, BenchResult, BenchRun, BenchSuite, Budget } from "./types.ts";

/** Every suite, in the order they run. */
export const SUITES: readonly BenchSuite[] = [harnessOverheadSuite, configsSuite, chainsSuite, registrySuite, reviewSuite, testsSuite];

/** The committed budgets (tooling/bench/budgets.json). */
export function readBudgets(): Record<string, Budget> {
  return JSON.parse(readFileSync(new URL("../budgets.json", import.meta.url), "utf8")) as Record<string, Budget>;
}

/**
 * Runs the suites (optionally only some) and checks the budgets. A suite that throws is reported as
 * a note and does not stop the others.
 */
export async function runBench(context: BenchContext, only?: readonly string[]): Promise<BenchRun> {
  const startedAt = new Date().toISOString();
  const results: BenchResult[] = [];
  for (const suite of SUITES.filter((s) => !only?.length || only.includes(s.name))) {
    try {
      results.push(...(await suite.run(context)));
    } catch (error) {
      results.push({ suite: suite.name, name: "suite failed", value: Number.NaN, unit: "", note: error instanceof Error ? error.message.split("\n")[0] : String(error) });
    }
  }
  return { machine: machineFacts(), quick: context.quick, startedAt, results, budgets: checkBudgets(results, readBudgets()) };
}
