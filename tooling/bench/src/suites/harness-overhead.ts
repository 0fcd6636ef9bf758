import { collectGarbage } from "../collect-garbage.ts";
import { compareThroughput, itemsForSeconds, slowdown } from "../measure.ts";
import type { BenchContext, BenchResult, BenchSuite } from "../types.ts";
import { loadBenchInstances, type BenchInstances } from "./bench-instances.ts";
import { skippedAs, type Contenders } from "./contenders.ts";
import { benchMessages, messageContenders } from "./harness-messages.ts";
import { benchEvent, benchTarget, type BenchTarget } from "./load-transformation.ts";

/** The bench connectors: pure code, host lookups and cache (geoip), a parser-heavy one. Quick runs have fewer, shorter rounds. */
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
  const measured = await compareThroughput({ rounds: context.quick ? 5 : 9, prepare: () => make(count), contenders: made.contenders, settle: collectGarbage });
  const rates = new Map<string, number | string>(Object.entries(measured));
  for (const [mode, note] of made.skipped) rates.set(mode, note);
  return rates;
}

/** A ratio of two contenders of one run: `[numerator, denominator, figure name]`, higher is better. */
type Comparison = [numerator: string, denominator: string, name: string];

/** Figures of one shape: events/s of each contender, as a slowdown against `direct`, then the comparisons. */
function toResults(slug: string, rates: Map<string, number | string>, direct: string, comparisons: Comparison[]): BenchResult[] {
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
  for (const [numerator, denominator, name] of comparisons) {
    const top = rates.get(numerator);
    const bottom = rates.get(denominator);
    if (typeof top !== "number" || typeof bottom !== "number") continue;
    results.push({ suite: "harness", name: `${slug}/${name}`, value: top / bottom, unit: "x (higher is better)", baseline: { name: `${slug}/${denominator}`, value: Math.round(bottom) }, ratio: top / bottom });
  }
  return results;
}

/**
 * Counts per event of one 1000-message batch (the stable figures for CI): host crossings through one
 * sandbox, and IPC messages between the host and a child-process pool.
 */
async function crossingsPerEvent(slug: string, instances: BenchInstances): Promise<BenchResult[]> {
  if (!instances.sandboxed) return [];
  const { sandbox, connector, childPool } = instances.sandboxed;
  const messages = benchMessages(1000);
  const before = sandbox.hostCrossings;
  await sandbox.processEventMessages(messages, connector.meta);
  const value = (sandbox.hostCrossings - before) / messages.length;
  const ipcBefore = childPool.processMessages;
  await childPool.processEventMessages(messages);
  const ipc = (childPool.processMessages - ipcBefore) / messages.length;
  return [
    { suite: "harness", name: `${slug}/sandbox host crossings per event (messages)`, value, ratio: value, unit: "crossings/event", note: "lower is better; isolate → host calls plus host → isolate settles" },
    { suite: "harness", name: `${slug}/child-process pool IPC messages per event (messages)`, value: ipc, ratio: ipc, unit: "messages/event", note: "lower is better; host ⇄ sandbox process, both ways (requests, replies, host operations and their answers)" },
  ];
}

async function figuresFor(target: BenchTarget, context: BenchContext): Promise<BenchResult[]> {
  const instances = await loadBenchInstances(target);
  let objects: Map<string, number | string>;
  let messages: Map<string, number | string>;
  let crossings: BenchResult[];
  try {
    objects = await ratesFor(objectContenders(instances), (count) => Array.from({ length: count }, (_, i) => benchEvent(i)), context);
    messages = await ratesFor(messageContenders(instances), benchMessages, context);
    crossings = await crossingsPerEvent(target.slug, instances);
  } finally {
    await instances.close();
  }
  return [
    ...toResults(target.slug, objects, "direct", [
      ["sandbox (batches of 1000)", "vm2", "sandbox vs vm2 (historical baseline)"],
      ["sandbox pool of 2 (batches of 1000)", "vm2", "sandbox pool of 2 vs vm2 (historical baseline)"],
    ]),
    ...toResults(target.slug, messages, "messages/direct", [
      ["messages/sandbox", "messages/direct", "sandbox vs unsandboxed (messages)"],
      ["messages/sandbox pool of 2", "messages/sandbox", "pool of 2 vs one isolate (messages)"],
      ["messages/sandbox pool of 2, child process", "messages/sandbox pool of 2", "child-process pool vs in-process pool (messages)"],
      ["messages/sandbox", "messages/vm2", "sandbox vs vm2 (messages, historical baseline)"],
      ["messages/sandbox pool of 2", "messages/vm2", "sandbox pool of 2 vs vm2 (messages, historical baseline)"],
    ]),
    ...crossings,
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
    for (const slug of TARGETS) {
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
