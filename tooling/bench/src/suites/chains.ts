import type { Connector } from "@connectors/harness";
import { slowdown, throughput } from "../measure.ts";
import type { BenchResult, BenchSuite } from "../types.ts";
import { benchEvent, benchTarget, instantiate, type BenchTarget } from "./load-transformation.ts";

const CANDIDATES = ["hello-world", "flatten-properties", "url-normalizer", "semver-flattener", "timestamp-parser", "property-filter", "taxonomy", "user-agent", "advanced-geoip", "drop-events-on-property"];

async function runChain(chain: Connector[], events: any[]): Promise<void> {
  for (const event of events) {
    let current = event;
    for (const connector of chain) {
      current = await connector.processEvent(current);
      if (!current) break;
    }
  }
}

async function measureChain(targets: BenchTarget[], length: number, context: { quick: boolean }): Promise<{ rate: number; names: string }> {
  const chain = await Promise.all(Array.from({ length }, (_, i) => instantiate(targets[i % targets.length]!, "import")));
  const events = context.quick ? 10_000 : 50_000;
  const rate = await throughput({ rounds: context.quick ? 3 : 5, prepare: () => Array.from({ length: events }, (_, i) => benchEvent(i)), run: (items) => runChain(chain, items) });
  await Promise.all(chain.map((c) => c.teardown()));
  return { rate, names: chain.map((c) => c.slug).join(" > ") };
}

/**
 * processEvent events/s through 1, 5 and 10 transformations in a row (PostHog runs a project's chain
 * in order). The same connector repeated measures what chaining costs in the harness (ideal: linear);
 * a mixed chain of real transformations is reported alongside, for information.
 */
export const chainsSuite: BenchSuite = {
  name: "chains",
  async run(context) {
    const results: BenchResult[] = [];
    const hello = benchTarget(context.root, "hello-world");
    const mixed = CANDIDATES.map((slug) => benchTarget(context.root, slug)).filter((t): t is BenchTarget => t !== undefined);
    for (const [label, targets] of [["hello-world", hello ? [hello] : []], ["mixed", mixed]] as const) {
      if (targets.length === 0) continue;
      let single = Number.NaN;
      for (const length of [1, 5, 10]) {
        const { rate, names } = await measureChain([...targets], length, context);
        if (length === 1) single = rate;
        const result: BenchResult = { suite: "chains", name: `${label} x${length}`, value: Math.round(rate), unit: "events/s", note: names };
        if (length > 1) Object.assign(result, { baseline: { name: `${label} x1`, value: Math.round(single) }, ratio: slowdown(rate, single) });
        results.push(result);
      }
    }
    return results;
  },
};
