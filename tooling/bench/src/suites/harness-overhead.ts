import { compareThroughput, itemsForSeconds, slowdown } from "../measure.ts";
import type { BenchContext, BenchResult, BenchSuite } from "../types.ts";
import { loadBenchInstances, type BenchInstances } from "./bench-instances.ts";
import { skippedAs, type Contenders } from "./contenders.ts";
import { benchMessages, messageContenders } from "./harness-messages.ts";
import { benchEvent, benchTarget, type BenchTarget } from "./load-transformation.ts";

const TARGETS = ["hello-world", "geoip", "user-agent"];

/** Event objects handed over in memory: direct call, in-process harness, sandbox (per event, batches, pool) and vm2. */
function objectContenders({ imported, bundled, sandboxed, vm2, skipped }: BenchInstances): Contenders<any> {
  const hook = imported.plugin.processEvent!;
  const contenders: Contenders<any>["contenders"] = {
    direct: async (items) => { for (const e of items) await hook(e, imported.meta); },
    "in-process (import)": async (items) => { for (const e of items) await imported.processEvent(e); },
    "in-process (bundle)": async (items) => { for (const e of items) await bundled.processEvent(e); },
  };
  if (sandboxed) {
    const { connector, sandbox, pool } = sandboxed;
    contenders.sandbox = async (items) => { for (const e of items) await connector.processEvent(e); };
    contenders["sandbox (batches of 1000)"] = async (items) => {
      for (let i = 0; i < items.length; i += 1000) await sandbox.processEventBatch(items.slice(i, i + 1000), connector.meta);
    };
    contenders["sandbox pool of 2 (batches of 1000)"] = async (items) => {
      for (let i = 0; i < items.length; i += 1000) await pool.processEventBatch(items.slice(i, i + 1000));
    };
  }
  if (vm2) contenders.vm2 = async (items) => { for (const e of items) await vm2.processEvent!(e, imported.meta); };
  return { contenders, skipped: skippedAs(skipped) };
}

/** Events per round: the slowest contender's round takes about 2 s (4 s in a full run), between 5k and 50k (200k). */
async function ratesFor<T>(made: Contenders<T>, make: (count: number) => T[], context: BenchContext): Promise<Map<string, number | string>> {
  const count = await itemsForSeconds({ seconds: context.quick ? 2 : 4, min: 5_000, max: context.quick ? 50_000 : 200_000, probe: 1_000, make, contenders: made.contenders });
  const measured = await compareThroughput({ rounds: context.quick ? 5 : 9, prepare: () => make(count), contenders: made.contenders });
  const rates = new Map<string, number | string>(Object.entries(measured));
  for (const [mode, note] of made.skipped) rates.set(mode, note);
  return rates;
}

/** Figures of one shape: events/s of each contender, as a slowdown against `direct`, and the sandbox against vm2. */
function toResults(slug: string, rates: Map<string, number | string>, direct: string, versusVm2: Array<[sandbox: string, vm2: string, name: string]>): BenchResult[] {
  const directRate = rates.get(direct) as number;
  const results: BenchResult[] = [];
  for (const [mode, rate] of rates) {
    const name = `${slug}/${mode}`;
    if (typeof rate === "string") {
      results.push({ suite: "harness", name, value: Number.NaN, unit: "events/s", note: rate });
      continue;
    }
    const result: BenchResult = { suite: "harness", name, value: Math.round(rate), unit: "events/s" };
    if (mode !== direct) Object.assign(result, { baseline: { name: `${slug}/${direct}`, value: Math.round(directRate) }, ratio: slowdown(rate, directRate) });
    results.push(result);
  }
  for (const [sandboxMode, vm2Mode, name] of versusVm2) {
    const sandbox = rates.get(sandboxMode);
    const vm2 = rates.get(vm2Mode);
    if (typeof sandbox !== "number" || typeof vm2 !== "number") continue;
    results.push({ suite: "harness", name: `${slug}/${name}`, value: sandbox / vm2, unit: "x faster", baseline: { name: `${slug}/${vm2Mode}`, value: Math.round(vm2) }, ratio: sandbox / vm2 });
  }
  return results;
}

async function figuresFor(target: BenchTarget, context: BenchContext): Promise<BenchResult[]> {
  const instances = await loadBenchInstances(target);
  let objects: Map<string, number | string>;
  let messages: Map<string, number | string>;
  try {
    objects = await ratesFor(objectContenders(instances), (count) => Array.from({ length: count }, (_, i) => benchEvent(i)), context);
    messages = await ratesFor(messageContenders(instances), benchMessages, context);
  } finally {
    await instances.close();
  }
  return [
    ...toResults(target.slug, objects, "direct", [
      ["sandbox (batches of 1000)", "vm2", "sandbox vs vm2"],
      ["sandbox pool of 2 (batches of 1000)", "vm2", "sandbox pool of 2 vs vm2"],
    ]),
    ...toResults(target.slug, messages, "messages/direct", [
      ["messages/sandbox", "messages/vm2", "sandbox vs vm2 (messages)"],
      ["messages/sandbox pool of 2", "messages/vm2", "sandbox pool of 2 vs vm2 (messages)"],
    ]),
  ];
}

/**
 * processEvent events/s per connector: direct call, in-process harness, sandbox, and vm2, for event
 * objects handed over in memory and for JSON messages (the ingestion shape).
 */
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
      results.push(...(await figuresFor(target, context)));
    }
    return results;
  },
};
