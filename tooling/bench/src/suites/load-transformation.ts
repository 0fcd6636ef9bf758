import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createConnector, createMmdbGeoIP, createTestCityDatabase, loadConnector, type Connector, type LoadMode } from "@connectors/harness";

/** A transformation ready to benchmark: its directory, the config its fixtures use, extra options. */
export interface BenchTarget {
  slug: string;
  dir: string;
  config: Record<string, unknown>;
}

/** A real MaxMind database (the generated test City database), read like a GeoLite2 file in every mode. */
const BENCH_GEOIP = createMmdbGeoIP(createTestCityDatabase());
/** Addresses of the test database (two cities, a country only) and one it does not hold. */
const BENCH_IPS = ["89.160.20.129", "81.2.69.161", "216.160.83.57", "203.0.113.7"];

/** The target for a workspace slug, or undefined when that connector is not in this checkout. */
export function benchTarget(root: string, slug: string): BenchTarget | undefined {
  const dir = join(root, "plugins", slug);
  if (!existsSync(join(dir, "plugin.json"))) return undefined;
  const conformance = join(dir, "fixtures", "conformance.json");
  const config = existsSync(conformance) ? ((JSON.parse(readFileSync(conformance, "utf8")) as { config?: Record<string, unknown> }).config ?? {}) : {};
  return { slug, dir, config };
}

/** The connector options a benchmark instance gets: the target's config, the test MaxMind database, a long timeout. */
export function benchOptions(target: BenchTarget) {
  return { config: target.config, geoip: BENCH_GEOIP, timeoutMs: 60_000 };
}

/** Instantiates a target in a load mode (`import`, `bundle`, or `sandbox` when the harness has it). */
export async function instantiate(target: BenchTarget, mode: LoadMode | "sandbox"): Promise<Connector> {
  const load = mode === "import" ? { module: await import(pathToFileURL(join(target.dir, "index.ts")).href) } : { mode: mode as LoadMode };
  const loaded = await loadConnector(target.dir, load);
  if (mode !== "import" && loaded.mode !== mode) throw new Error(`the harness has no "${mode}" load mode (it loaded in "${loaded.mode}" mode)`);
  const connector = await createConnector(loaded, benchOptions(target));
  await connector.setup();
  return connector;
}

/** A realistic pageview for benchmarks (fresh object each call: transformations mutate events). */
export function benchEvent(i: number): any {
  return {
    uuid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    event: "$pageview",
    distinct_id: `user-${i % 1000}`,
    team_id: 2,
    ip: null,
    site_url: "https://app.example.com",
    now: "2024-01-01T00:00:00.000Z",
    timestamp: "2024-01-01T00:00:00.000Z",
    properties: {
      $current_url: "https://Example.com/Pricing/",
      $ip: BENCH_IPS[i % BENCH_IPS.length],
      $useragent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
      $lib: "web",
      nested: { a: { b: 1 } },
      app_version: "1.2.3",
    },
  };
}
