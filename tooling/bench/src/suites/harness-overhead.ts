import { join } from "node:path";
import type { Plugin } from "@connectors/plugin-api";
import { getConnectorSandbox } from "@connectors/harness";
import { compareThroughput, slowdown } from "../measure.ts";
import type { BenchContext, BenchResult, BenchSuite } from "../types.ts";
import { benchEvent, benchTarget, instantiate, type BenchTarget } from "./load-transformation.ts";
import { loadInVm2 } from "./vm2-baseline.ts";

const TARGETS = ["hello-world", "geoip", "user-agent"];

type Mode = "direct" | "in-process (import)" | "in-process (bundle)" | "sandbox" | "sandbox (batches of 1000)" | "vm2";

async function contendersFor(target: BenchTarget): Promise<{ contenders: Record<string, (items: any[]) => Promise<void>>; skipped: Map<Mode, string>; close: () => Promise<void> }> {
  const skipped = new Map<Mode, string>();
  const imported = await instantiate(target, "import");
  const bundled = await instantiate(target, "bundle");
  const hook = imported.plugin.processEvent!;
  const contenders: Record<string, (items: any[]) => Promise<void>> = {
    direct: async (items) => { for (const e of items) await hook(e, imported.meta); },
    "in-process (import)": async (items) => { for (const e of items) await imported.processEvent(e); },
    "in-process (bundle)": async (items) => { for (const e of items) await bundled.processEvent(e); },
  };
  const closers = [imported, bundled];
  try {
    const sandboxed = await instantiate(target, "sandbox");
    closers.push(sandboxed);
    contenders.sandbox = async (items) => { for (const e of items) await sandboxed.processEvent(e); };
    const batcher = getConnectorSandbox(sandboxed.plugin);
    if (batcher) {
      contenders["sandbox (batches of 1000)"] = async (items) => {
        for (let i = 0; i < items.length; i += 1000) await batcher.processEventBatch(items.slice(i, i + 1000), sandboxed.meta);
      };
    }
  } catch (error) {
    skipped.set("sandbox", `not measured: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  try {
    const vm2: Plugin = await loadInVm2(join(target.dir, "index.ts"), target.dir);
    contenders.vm2 = async (items) => { for (const e of items) await vm2.processEvent!(e, imported.meta); };
  } catch (error) {
    skipped.set("vm2", `not measured: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  return { contenders, skipped, close: async () => void (await Promise.all(closers.map((c) => c.teardown()))) };
}

async function ratesFor(target: BenchTarget, context: BenchContext): Promise<Map<Mode, number | string>> {
  const events = context.quick ? 50_000 : 200_000;
  const { contenders, skipped, close } = await contendersFor(target);
  const measured = await compareThroughput({ rounds: context.quick ? 5 : 9, prepare: () => Array.from({ length: events }, (_, i) => benchEvent(i)), contenders });
  await close();
  const rates = new Map<Mode, number | string>(Object.entries(measured) as Array<[Mode, number]>);
  for (const [mode, note] of skipped) rates.set(mode, note);
  return rates;
}

function toResults(slug: string, rates: Map<Mode, number | string>): BenchResult[] {
  const direct = rates.get("direct") as number;
  const results: BenchResult[] = [];
  for (const [mode, rate] of rates) {
    const name = `${slug}/${mode}`;
    if (typeof rate === "string") {
      results.push({ suite: "harness", name, value: Number.NaN, unit: "events/s", note: rate });
      continue;
    }
    const result: BenchResult = { suite: "harness", name, value: Math.round(rate), unit: "events/s" };
    if (mode !== "direct") Object.assign(result, { baseline: { name: `${slug}/direct`, value: Math.round(direct) }, ratio: slowdown(rate, direct) });
    results.push(result);
  }
  const sandbox = rates.get("sandbox (batches of 1000)") ?? rates.get("sandbox");
  const vm2 = rates.get("vm2");
  if (typeof sandbox === "number" && typeof vm2 === "number") {
    results.push({ suite: "harness", name: `${slug}/sandbox vs vm2`, value: sandbox / vm2, unit: "x faster", baseline: { name: `${slug}/vm2`, value: Math.round(vm2) }, ratio: sandbox / vm2 });
  }
  return results;
}

/** processEvent events/s per connector: direct call, in-process harness, sandbox, and vm2. */
export const harnessOverheadSuite: BenchSuite = {
  name: "harness",
  async run(context) {
    const results: BenchResult[] = [];
    for (const slug of context.quick ? TARGETS.slice(0, 1) : TARGETS) {
      const target = benchTarget(context.root, slug);
      if (!target) {
        results.push({ suite: "harness", name: `${slug}/direct`, value: Number.NaN, unit: "events/s", note: "connector not in this checkout" });
        continue;
      }
      context.log(`harness: ${slug}`);
      results.push(...toResults(slug, await ratesFor(target, context)));
    }
    return results;
  },
};
