import type { Connector } from "@connectors/harness";
import { slowdown, throughput } from "../measure.ts";
import type { BenchResult, BenchSuite } from "../types.ts";
import { benchEvent, benchTarget, instantiate } from "./load-transformation.ts";

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

/** processEvent events/s through 1, 5 and 10 transformations in a row (PostHog runs a project's chain in order). */
export const chainsSuite: BenchSuite = {
  name: "chains",
  async run(context) {
    const available = CANDIDATES.map((slug) => benchTarget(context.root, slug)).filter((t) => t !== undefined);
    const events = context.quick ? 10_000 : 50_000;
    const results: BenchResult[] = [];
    let single = Number.NaN;
    for (const length of [1, 5, 10]) {
      const chain = await Promise.all(Array.from({ length }, (_, i) => instantiate(available[i % available.length]!, "import")));
      const rate = await throughput({ rounds: context.quick ? 3 : 5, prepare: () => Array.from({ length: events }, (_, i) => benchEvent(i)), run: (items) => runChain(chain, items) });
      if (length === 1) single = rate;
      const result: BenchResult = { suite: "chains", name: `${length} transformation${length > 1 ? "s" : ""}`, value: Math.round(rate), unit: "events/s", note: chain.map((c) => c.slug).join(" > ") };
      if (length > 1) Object.assign(result, { baseline: { name: "1 transformation", value: Math.round(single) }, ratio: slowdown(rate, single) });
      results.push(result);
      if (length === 10) results.push({ suite: "chains", name: "10 vs 1 transformation", value: slowdown(rate, single), unit: "x slower", ratio: slowdown(rate, single) });
      await Promise.all(chain.map((c) => c.teardown()));
    }
    return results;
  },
};
