import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { readCacheRecord, writeCacheRecord } from "../cache/cache-record.ts";
import { hashSourceTree } from "../cache/hash-source-tree.ts";
import { bundleForCatalog, type CatalogBundleCode } from "./bundle-for-catalog.ts";

interface CacheRecord {
  key: string;
  /** Input file (relative to the connector directory) → sha256 of its content when bundled. */
  inputs: Record<string, string>;
  result: CatalogBundleCode;
}

const CACHE_FORMAT = 1;
let toolchainKey: string | undefined;

/** Changes whenever the bundler or the harness's loading code changes, so stale bundles are never reused. */
function toolchainHash(): string {
  if (toolchainKey) return toolchainKey;
  const require = createRequire(import.meta.url);
  const hash = createHash("sha256").update(`format ${CACHE_FORMAT}\n`);
  hash.update(readFileSync(require.resolve("esbuild/package.json")));
  const harnessDir = dirname(require.resolve("@connectors/harness/package.json"));
  for (const part of ["src/load", "src/supply", "src/trace"]) hashSourceTree(hash, join(harnessDir, part));
  hash.update(readFileSync(new URL("./bundle-for-catalog.ts", import.meta.url))).update(readFileSync(new URL("./derive-capabilities.ts", import.meta.url)));
  toolchainKey = hash.digest("hex");
  return toolchainKey;
}

async function sha256(file: string): Promise<string | undefined> {
  try {
    return createHash("sha256").update(await readFile(file)).digest("hex");
  } catch {
    return undefined;
  }
}

async function isFresh(record: CacheRecord, dir: string): Promise<boolean> {
  if (record.key !== toolchainHash()) return false;
  const checks = await Promise.all(Object.entries(record.inputs).map(async ([file, digest]) => (await sha256(join(dir, file))) === digest));
  return checks.length > 0 && checks.every(Boolean);
}

/**
 * {@link bundleForCatalog} with a content-addressed disk cache: a connector whose input files (and
 * the bundler and harness loader) are unchanged is not bundled or evaluated again, so a rebuild of
 * an unchanged catalog is near-instant across processes. Each record lives in
 * `<cacheDir>/<slug>.json` and is written atomically.
 */
export async function cachedBundleForCatalog(dir: string, slug: string, cacheDir: string): Promise<CatalogBundleCode> {
  const file = join(cacheDir, `${slug}.json`);
  const record = await readCacheRecord<CacheRecord>(file);
  if (record && (await isFresh(record, dir))) return record.result;
  const { result, inputs } = await bundleWithInputs(dir);
  const digests = Object.fromEntries(await Promise.all(inputs.map(async (input) => [input, (await sha256(join(dir, input))) ?? ""] as const)));
  await writeCacheRecord(file, { key: toolchainHash(), inputs: digests, result } satisfies CacheRecord);
  return result;
}

async function bundleWithInputs(dir: string): Promise<{ result: CatalogBundleCode; inputs: string[] }> {
  const result = await bundleForCatalog(dir);
  return { result: { code: result.code, capabilities: result.capabilities }, inputs: result.inputs ?? [] };
}
