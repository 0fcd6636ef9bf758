import { SandboxConfigSet, loadConnector, type Connector, type LoadedConnector } from "@connectors/harness";
import type { BenchContext, BenchResult, BenchSuite } from "../types.ts";
import { benchEvent, benchOptions, benchTarget, instantiate, type BenchTarget } from "./load-transformation.ts";

/** Official transformations the configs are drawn from (round-robin), the ones in this checkout. */
const MIX = ["hello-world", "user-agent", "geoip", "property-filter", "flatten-properties", "timestamp-parser", "semver-flattener", "taxonomy", "drop-events-on-property", "downsampling"];
const CHAIN_EVENTS = 2_000;

const rssMiB = () => process.memoryUsage().rss / 2 ** 20;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeEach(count: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  return times;
}

const figure = (name: string, value: number, unit: string, note?: string): BenchResult => ({ suite: "configs", name, value: Math.round(value * 100) / 100, unit, ...(note ? { note } : {}) });

/** One event at a time through `chain` (each connector's processEvent in order): per-event latencies in ms. */
function chainLatencies(chain: Array<(event: any) => Promise<any>>): Promise<number[]> {
  return timeEach(CHAIN_EVENTS, async (i) => {
    let current = benchEvent(i);
    for (const step of chain) {
      current = await step(current);
      if (!current) break;
    }
  });
}

async function chainFigures(configs: SandboxConfigSet, ids: string[], targets: BenchTarget[]): Promise<BenchResult[]> {
  const sandboxed = await chainLatencies(ids.map((id) => (event) => configs.processEvent(id, event)));
  const inProcess: Connector[] = await Promise.all(targets.map((t) => instantiate(t, "import")));
  const unsandboxed = await chainLatencies(inProcess.map((c) => (event) => c.processEvent(event)));
  await Promise.all(inProcess.map((c) => c.teardown()));
  const p99 = percentile(sandboxed, 99);
  const names = targets.map((t) => t.slug).join(" > ");
  return [
    figure("chain of 5 sandboxed: p50 per event", percentile(sandboxed, 50), "ms", names),
    { ...figure("chain of 5 sandboxed: p99 per event", p99, "ms", names), baseline: { name: "chain of 5 unsandboxed: p99 per event", value: Math.round(percentile(unsandboxed, 99) * 1000) / 1000 }, ratio: p99 / percentile(unsandboxed, 99) },
    figure("chain of 5 unsandboxed: p99 per event", percentile(unsandboxed, 99), "ms", names),
  ];
}

async function measure(context: BenchContext, targets: BenchTarget[], loaded: LoadedConnector[]): Promise<BenchResult[]> {
  const count = context.quick ? 200 : 1_000;
  const configs = new SandboxConfigSet({ idleMs: 0 });
  const id = (i: number) => `config-${i}`;
  const before = rssMiB();
  const adds = await timeEach(count, (i) => configs.add(id(i), loaded[i % loaded.length]!, benchOptions(targets[i % targets.length]!)));
  const idle = rssMiB();
  context.log(`configs: ${count} added (${configs.stats.live} live)`);
  const firsts = await timeEach(count, (i) => configs.processEvent(id(i), benchEvent(i)));
  const live = rssMiB();
  context.log(`configs: ${configs.stats.live} live`);
  const chainIds = Array.from({ length: 5 }, (_, i) => id(i));
  const chain = await chainFigures(configs, chainIds, chainIds.map((_, i) => targets[i % targets.length]!));
  await configs.evictIdle();
  const evicted = rssMiB();
  await configs.close();
  const mix = `${count} configs of ${targets.map((t) => t.slug).join(", ")}`;
  return [
    figure(`${count} configs added: RSS`, idle, "MiB", `${mix}; ${loaded.length} set up when added (one per connector, to learn its capabilities)`),
    figure("memory per idle config", (idle - before) / count, "MiB"),
    figure("time to add one config: p50", percentile(adds, 50), "ms"),
    figure("time to add one config: p99", percentile(adds, 99), "ms"),
    figure("first event of a config: p50", percentile(firsts, 50), "ms", "creates the isolate, evaluates the bundle, runs setupPlugin, then processEvent"),
    figure("first event of a config: p99", percentile(firsts, 99), "ms"),
    figure(`${count} configs live: RSS`, live, "MiB", "every config has had an event (one isolate each)"),
    figure("memory per live config", (live - before) / count, "MiB"),
    figure(`${count} configs after idle eviction: RSS`, evicted, "MiB", "teardownPlugin ran and the isolates were freed (the allocator may keep pages)"),
    ...chain,
  ];
}

/**
 * Many connector configs in one process (a PostHog cloud instance holds thousands): memory per idle and per
 * live config, time to add one, first-event latency (lazy isolate creation), RSS after idle eviction, and
 * p50/p99 latency of one event through a chain of five sandboxed transformations against the same chain
 * unsandboxed. 1,000 configs (200 with --quick), drawn round-robin from official transformations.
 */
export const configsSuite: BenchSuite = {
  name: "configs",
  async run(context) {
    const targets = MIX.map((slug) => benchTarget(context.root, slug)).filter((t): t is BenchTarget => t !== undefined);
    if (targets.length === 0) return [{ suite: "configs", name: "configs", value: Number.NaN, unit: "", note: "no connector of the mix in this checkout" }];
    const loaded = await Promise.all(targets.map((t) => loadConnector(t.dir, { mode: "sandbox" })));
    return measure(context, targets, loaded);
  },
};
