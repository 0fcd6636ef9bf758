import { spawnSync } from "node:child_process";
import type { BenchResult, BenchSuite } from "../types.ts";

function wallTime(root: string, args: string[]): number {
  const started = performance.now();
  const run = spawnSync("pnpm", args, { cwd: root, stdio: "ignore", env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } });
  if (run.status !== 0) throw new Error(`pnpm ${args.join(" ")} failed (exit ${run.status})`);
  return performance.now() - started;
}

/** `pnpm test` wall time cold (turbo --force) and fully cached. Skipped with --quick. */
export const testsSuite: BenchSuite = {
  name: "tests",
  async run(context) {
    if (context.quick) return [{ suite: "tests", name: "pnpm test", value: Number.NaN, unit: "ms", note: "skipped with --quick" }];
    context.log("tests: pnpm test --force (cold)");
    const cold = wallTime(context.root, ["test", "--force", "--concurrency=3"]);
    context.log("tests: pnpm test (cached)");
    const cached = wallTime(context.root, ["test", "--concurrency=3"]);
    return [
      { suite: "tests", name: "pnpm test cold", value: Math.round(cold), unit: "ms" },
      { suite: "tests", name: "pnpm test fully cached", value: Math.round(cached), unit: "ms", baseline: { name: "pnpm test cold", value: Math.round(cold) }, ratio: cached / cold },
    ];
  },
};
