import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { git } from "../context/git.ts";
import type { ConnectorContext, Finding } from "../types.ts";
import { benchmarkConnector, type BenchmarkResult } from "./benchmark-connector.ts";
import type { DynamicCheck, DynamicCheckEnv } from "./types.ts";

/** Hard limits per connector; breaking one is an error. */
export interface PerformanceBudget {
  minEventsPerSecond: number;
  maxP99Ms: number;
  maxMemoryGrowthBytes: number;
  maxBundleBytes: number;
  /** A ratio vs main above this (or below its inverse for throughput) is a warning. */
  regressionRatio: number;
}

/** The default budget: generous, because CI machines are noisy; regressions are warnings. */
export const DEFAULT_BUDGET: PerformanceBudget = { minEventsPerSecond: 500, maxP99Ms: 20, maxMemoryGrowthBytes: 64 * 1024 * 1024, maxBundleBytes: 1024 * 1024, regressionRatio: 1.5 };

/** Copies the connector as it is at the base ref under its own node_modules (so its dependencies resolve). */
async function materializeBase(env: DynamicCheckEnv, ctx: ConnectorContext): Promise<string | undefined> {
  if (!env.baseSha || !ctx.base) return undefined;
  const listing = await git(env.root, ["ls-tree", "-r", "--name-only", env.baseSha, "--", ctx.dir]).catch(() => "");
  const files = listing.split("\n").filter(Boolean);
  if (files.length === 0) return undefined;
  const target = join(env.root, ctx.dir, "node_modules", ".review-base", ctx.slug);
  rmSync(target, { recursive: true, force: true });
  for (const file of files) {
    const at = join(target, file.slice(ctx.dir.length + 1));
    mkdirSync(dirname(at), { recursive: true });
    writeFileSync(at, await git(env.root, ["show", `${env.baseSha}:${file}`]));
  }
  return target;
}

const ratio = (head: number, base: number) => (base > 0 ? head / base : 1);
const fmt = (n: number) => `${n.toFixed(2)}×`;

/**
 * Compares a benchmark with the budget and with main; returns findings (errors for budget breaches,
 * warnings for regressions, one info line with the numbers).
 */
export function judgePerformance(file: string, head: BenchmarkResult, base: BenchmarkResult | undefined, budget: PerformanceBudget = DEFAULT_BUDGET): Finding[] {
  const finding = (severity: Finding["severity"], message: string, fix: string): Finding => ({ rule: "performance/budget", category: "performance", severity, file, message, fix });
  const found: Finding[] = [];
  if (head.eventsPerSecond < budget.minEventsPerSecond) found.push(finding("error", `throughput ${head.eventsPerSecond} events/s is under the budget of ${budget.minEventsPerSecond}`, "remove per-event work that does not depend on the event (parse config once in setupPlugin)"));
  if (head.p99Ms > budget.maxP99Ms) found.push(finding("error", `p99 latency ${head.p99Ms} ms is over the budget of ${budget.maxP99Ms} ms`, "find the slow path (large loops, synchronous crypto, per-event fetch)"));
  if (head.memoryGrowthBytes > budget.maxMemoryGrowthBytes) found.push(finding("error", `memory grew ${Math.round(head.memoryGrowthBytes / 1048576)} MiB across ${head.events} events`, "do not keep per-event state in meta.global or module scope without a bound"));
  if (head.bundleBytes > budget.maxBundleBytes) found.push(finding("error", `bundle is ${Math.round(head.bundleBytes / 1024)} KiB, over ${Math.round(budget.maxBundleBytes / 1024)} KiB`, "drop heavy dependencies or import only what is used"));
  if (base) {
    // Below these floors differences are measurement noise, whatever the ratio.
    const r = {
      throughput: head.eventsPerSecond < 20_000 ? ratio(base.eventsPerSecond, head.eventsPerSecond) : 1,
      p99: head.p99Ms > 1 ? ratio(head.p99Ms, base.p99Ms) : 1,
      memory: head.memoryGrowthBytes > 8 * 1024 * 1024 ? ratio(head.memoryGrowthBytes + 1, base.memoryGrowthBytes + 1) : 1,
      bundle: head.bundleBytes > 16 * 1024 ? ratio(head.bundleBytes, base.bundleBytes) : 1,
    };
    for (const [name, value] of Object.entries(r)) {
      if (value > budget.regressionRatio) found.push(finding("warning", `${name} regressed ${fmt(value)} vs main`, "compare with main locally: `pnpm connectors review --dynamic`"));
    }
  }
  const vs = (h: number, b: number | undefined) => (b === undefined ? "" : ` (${fmt(ratio(h, b))} main)`);
  found.push(finding("info", `${head.eventsPerSecond} events/s${vs(head.eventsPerSecond, base?.eventsPerSecond)}, p99 ${head.p99Ms} ms${vs(head.p99Ms, base?.p99Ms)}, memory +${Math.round(head.memoryGrowthBytes / 1024)} KiB over ${head.events} events${vs(head.memoryGrowthBytes + 1, base && base.memoryGrowthBytes + 1)}, bundle ${Math.round(head.bundleBytes / 1024)} KiB${vs(head.bundleBytes, base?.bundleBytes)}`, "numbers for the reviewer; no action needed"));
  return found;
}

/** The performance dynamic check: benchmark the PR's connector (and main's, for ratios). */
export function createPerformanceCheck(options: { events?: number; budget?: PerformanceBudget } = {}): DynamicCheck {
  return {
    name: "performance",
    category: "performance",
    async run(ctx, env) {
      const head = await benchmarkConnector(env.source ?? join(env.root, ctx.dir), { events: options.events });
      const baseDir = await materializeBase(env, ctx).catch(() => undefined);
      const base = baseDir ? await benchmarkConnector(baseDir, { events: options.events }).catch(() => undefined) : undefined;
      if (baseDir) rmSync(baseDir, { recursive: true, force: true });
      return judgePerformance(`${ctx.dir}/${ctx.manifest?.main ?? "index.ts"}`, head, base, options.budget);
    },
  };
}
