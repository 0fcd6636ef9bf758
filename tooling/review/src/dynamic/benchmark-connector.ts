import { FetchInterceptor, createConnector, getConnectorSandbox, loadConnector, type ConnectorSource } from "@connectors/harness";
import { createAutocapture, createEvent, createIdentify, createPageview } from "@connectors/testkit";
import type { PluginEvent } from "@connectors/plugin-api";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** What one benchmark run measured. */
export interface BenchmarkResult {
  events: number;
  eventsPerSecond: number;
  p99Ms: number;
  /** Growth of the connector isolate's heap across the run after warm-up, in bytes. */
  memoryGrowthBytes: number;
  bundleBytes: number;
}

/**
 * The standard event corpus: pageviews, identifies, autocaptures and custom events with a spread of
 * property shapes, repeated to `count` events (deterministic).
 */
export function standardEventCorpus(count: number): PluginEvent[] {
  const shapes = [
    (i: number) => createPageview({ distinct_id: `user-${i % 97}` }, { $current_url: `https://example.com/page/${i % 13}?q=${i}`, $browser: "Chrome" }),
    (i: number) => createIdentify({ distinct_id: `user-${i % 97}` }),
    (i: number) => createAutocapture({ distinct_id: `user-${i % 97}` }),
    (i: number) => createEvent({ event: "purchase", distinct_id: `user-${i % 97}`, properties: { amount: (i % 50) + 0.99, currency: "EUR", items: [{ sku: `sku-${i % 7}`, qty: 1 }] } }),
  ];
  return Array.from({ length: count }, (_, i) => shapes[i % shapes.length]!(i));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** The config of `fixtures/conformance.json`, from disk or from the supplied package's files. */
function conformanceConfig(target: string | ConnectorSource): Record<string, unknown> | undefined {
  const text = typeof target === "string"
    ? (existsSync(join(target, "fixtures", "conformance.json")) ? readFileSync(join(target, "fixtures", "conformance.json"), "utf8") : undefined)
    : target.snapshot.files.get("fixtures/conformance.json")?.toString("utf8");
  try {
    return text === undefined ? undefined : (JSON.parse(text) as { config?: Record<string, unknown> }).config;
  } catch {
    return undefined;
  }
}

/**
 * Bundles a connector (a directory, or a source already supplied from outside) and pushes `events` corpus events through its per-event hook
 * (processEvent, else onEvent/exportEvents with every request answered 200), timing each call.
 * The connector runs only in the harness sandbox (its own V8 isolate, never the review's realm);
 * memory growth is the isolate's heap.
 */
export async function benchmarkConnector(target: string | ConnectorSource, options: { events?: number; warmup?: number; config?: Record<string, unknown> } = {}): Promise<BenchmarkResult> {
  const events = options.events ?? 10_000;
  const warmup = options.warmup ?? 200;
  const loaded = await loadConnector(target, { mode: "sandbox" });
  const fetch = new FetchInterceptor().on("*", () => true, { status: 200, json: {} });
  const connector = await createConnector(loaded, { config: options.config ?? conformanceConfig(target) ?? {}, fetch, autoRunJobs: false, timeoutMs: 5000 });
  const corpus = standardEventCorpus(events + warmup);
  const run = async (event: PluginEvent) => {
    if (connector.plugin.processEvent || connector.plugin.processEventBatch) await connector.processEvent(event);
    else if (connector.plugin.onEvent || connector.plugin.exportEvents) await connector.onEvent(event);
  };
  const heap = () => getConnectorSandbox(connector.plugin)?.stats().usedHeapBytes ?? 0;
  for (const event of corpus.slice(0, warmup)) await run(event).catch(() => undefined);
  const heapBefore = heap();
  const timings: number[] = [];
  const started = performance.now();
  for (const event of corpus.slice(warmup)) {
    const t0 = performance.now();
    await run(event).catch(() => undefined);
    timings.push(performance.now() - t0);
  }
  const elapsed = performance.now() - started;
  const memoryGrowthBytes = Math.max(0, heap() - heapBefore);
  await connector.teardown().catch(() => undefined);
  timings.sort((a, b) => a - b);
  return { events, eventsPerSecond: Math.round((events / elapsed) * 1000), p99Ms: Number(percentile(timings, 99).toFixed(3)), memoryGrowthBytes, bundleBytes: Buffer.byteLength(loaded.bundle?.code ?? "") };
}
