import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { hashReviewedFiles, reviewReportDigest, runReview, type ConnectorReport } from "@connectors/review";
import { readCacheRecord, writeCacheRecord } from "../cache/cache-record.ts";
import { hashSourceTree } from "../cache/hash-source-tree.ts";
import type { ConnectorPackage } from "../discover/find-connectors.ts";

/** What the review currently says about one connector. */
export interface CurrentReview {
  /** `reviewReportDigest` of its report: what an approval records. */
  digest: string;
  errors: number;
  warnings: number;
  /** The error findings, one line each (`rule: message`), for messages. */
  errorLines: string[];
}

/** Reviews connector packages and returns the current review of each, by slug. */
export type ReviewDigester = (connectors: ConnectorPackage[]) => Promise<Map<string, CurrentReview>>;

interface CacheRecord {
  key: string;
  review: CurrentReview;
}

const CACHE_FORMAT = 1;
let toolchainKey: string | undefined;

/** Changes whenever the review's code (rules, versions, report) changes, so a cached verdict is never reused across them. */
function reviewToolchainHash(): string {
  if (toolchainKey) return toolchainKey;
  const require = createRequire(import.meta.url);
  const src = join(dirname(require.resolve("@connectors/review/package.json")), "src");
  const hash = createHash("sha256").update(`format ${CACHE_FORMAT}\n`);
  toolchainKey = hashSourceTree(hash, src, (name) => !name.endsWith(".ts") || name.endsWith(".test.ts")).digest("hex");
  return toolchainKey;
}

function summarize(report: ConnectorReport): CurrentReview {
  const errors = report.findings.filter((f) => f.severity === "error");
  return { digest: reviewReportDigest(report), errors: errors.length, warnings: report.findings.filter((f) => f.severity === "warning").length, errorLines: errors.map((f) => `${f.rule}: ${f.message}`) };
}

async function readCached(file: string, key: string): Promise<CurrentReview | undefined> {
  const record = await readCacheRecord<CacheRecord>(file);
  return record?.key === key ? record.review : undefined;
}

/**
 * The review digester `registry build` and `registry approve` use: the static review of
 * `@connectors/review` (never runs connector code) of each package as committed (compared with
 * HEAD, so no pull-request diff findings), summarised as {@link CurrentReview}. Verdicts are cached
 * in `cacheDir/review-<slug>.json` by the package's content hash and the review's own code, so an
 * unchanged connector is not reviewed again; the misses are reviewed in one run.
 *
 * @param root - the repository root (holds plugins/)
 * @param cacheDir - where verdicts are kept; undefined: always review
 */
export function createReviewDigester(root: string, cacheDir?: string): ReviewDigester {
  return async (connectors) => {
    const results = new Map<string, CurrentReview>();
    const keys = new Map<string, string>();
    await Promise.all(connectors.map(async (c) => {
      const key = `${reviewToolchainHash()} ${hashReviewedFiles(c.dir)}`;
      keys.set(c.slug, key);
      const cached = cacheDir ? await readCached(join(cacheDir, `review-${c.slug}.json`), key) : undefined;
      if (cached) results.set(c.slug, cached);
    }));
    const missing = connectors.filter((c) => !results.has(c.slug));
    if (missing.length === 0) return results;
    const report = await runReview({ cwd: root, paths: missing.map((c) => relative(root, c.dir)), base: "HEAD" });
    for (const connectorReport of report.connectors) {
      const review = summarize(connectorReport);
      results.set(connectorReport.slug, review);
      if (cacheDir) await writeCacheRecord(join(cacheDir, `review-${connectorReport.slug}.json`), { key: keys.get(connectorReport.slug)!, review } satisfies CacheRecord);
    }
    return results;
  };
}
