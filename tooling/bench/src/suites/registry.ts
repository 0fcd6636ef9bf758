import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { approve, buildRegistry, createFixtureWorkspace, createReviewDigester, findConnectors, loadSigningKey, signCatalog } from "@connectors/registry";
import { parseCatalog, verifyDetached } from "@connectors/registry-client";
import { median, timed } from "../measure.ts";
import type { BenchContext, BenchResult, BenchSuite } from "../types.ts";

async function synthetic(size: number): Promise<string> {
  const slugs = Array.from({ length: size }, (_, i) => `synthetic-${String(i).padStart(4, "0")}`);
  return createFixtureWorkspace(slugs.map((slug) => ({ slug })), { approved: slugs.map((slug) => approve(slug)) });
}

async function buildOnce(root: string, cacheDir: string | false): Promise<{ ms: number; peakRssMiB: number; outDir: string }> {
  const outDir = await mkdtemp(join(tmpdir(), "bench-registry-"));
  const { ms, peakRssMiB } = await timed(() => buildRegistry({ root, skipTests: true, outDir, cacheDir, reviewer: false }));
  await signCatalog({ dir: outDir, key: loadSigningKey({}) });
  return { ms, peakRssMiB, outDir };
}

async function verifyParse(outDir: string, rounds: number): Promise<number> {
  const [text, signature, publicKey] = await Promise.all([
    readFile(join(outDir, "registry.json")),
    readFile(join(outDir, "registry.json.sig"), "utf8"),
    readFile(join(outDir, "registry.pub.pem"), "utf8"),
  ]);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    verifyDetached(text, signature, publicKey);
    parseCatalog(text.toString("utf8"));
    times.push(performance.now() - started);
  }
  return median(times);
}

async function measureSize(label: string, root: string, context: BenchContext): Promise<BenchResult[]> {
  context.log(`registry: ${label}`);
  const cacheDir = await mkdtemp(join(tmpdir(), "bench-registry-cache-"));
  const cold = await buildOnce(root, cacheDir);
  const cached = await buildOnce(root, cacheDir);
  const results: BenchResult[] = [
    { suite: "registry", name: `${label}: cold build`, value: Math.round(cold.ms), unit: "ms" },
    { suite: "registry", name: `${label}: peak RSS`, value: Math.round(cold.peakRssMiB), unit: "MiB" },
    { suite: "registry", name: `${label}: cached rebuild`, value: Math.round(cached.ms), unit: "ms", baseline: { name: `${label}: cold build`, value: Math.round(cold.ms) }, ratio: cached.ms / cold.ms },
    { suite: "registry", name: `${label}: cached rebuild vs cold build`, value: cached.ms / cold.ms, unit: "ratio", ratio: cached.ms / cold.ms },
    { suite: "registry", name: `${label}: client verify+parse`, value: Math.round((await verifyParse(cold.outDir, context.quick ? 5 : 20)) * 100) / 100, unit: "ms" },
  ];
  return results;
}

/** The approval check of the real catalog: every connector reviewed cold, then from the content-hash cache. */
async function measureReviews(root: string, context: BenchContext): Promise<BenchResult[]> {
  context.log("registry: review digests of the real catalog");
  const { connectors } = await findConnectors(join(root, "plugins"), root);
  const digester = createReviewDigester(root, await mkdtemp(join(tmpdir(), "bench-review-cache-")));
  const cold = await timed(() => digester(connectors));
  const cached = await timed(() => digester(connectors));
  const label = `real catalog: review digests (${connectors.length} connectors)`;
  return [
    { suite: "registry", name: `${label}, cold`, value: Math.round(cold.ms), unit: "ms" },
    { suite: "registry", name: `${label}, cached`, value: Math.round(cached.ms), unit: "ms", baseline: { name: `${label}, cold`, value: Math.round(cold.ms) }, ratio: cached.ms / cold.ms },
  ];
}

/** Registry build time, peak memory and cached rebuild for the real catalog and synthetic 100 / 1,000 connectors; client verify+parse; review digests cold and cached (full run). */
export const registrySuite: BenchSuite = {
  name: "registry",
  async run(context) {
    const results = await measureSize("real catalog", context.root, context);
    if (!context.quick) results.push(...(await measureReviews(context.root, context)));
    for (const size of context.quick ? [100] : [100, 1000]) results.push(...(await measureSize(`synthetic ${size}`, await synthetic(size), context)));
    const scaled = results.filter((r) => /^synthetic \d+: cold build$/.test(r.name));
    if (scaled.length === 2) {
      const [small, large] = scaled as [BenchResult, BenchResult];
      results.push({ suite: "registry", name: "cost growth 100 -> 1,000 connectors", value: large.value / small.value, unit: "x (10x connectors)", ratio: large.value / small.value });
    }
    return results;
  },
};
