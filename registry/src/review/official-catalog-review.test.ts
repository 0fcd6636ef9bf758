import { appendFile, cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readApprovals } from "../approvals/read-approvals.ts";
import { findConnectors } from "../discover/find-connectors.ts";
import { selectApproved, type ApprovedConnector } from "../discover/select-approved.ts";
import { findStaleApprovals } from "./find-stale-approvals.ts";
import { createReviewDigester, type CurrentReview } from "./review-digester.ts";

/**
 * Issue 18 item 4: every official connector reviews clean and its approval in registry/approved.json
 * carries the digest of its current review. Reviewing all of plugins/ statically takes tens of seconds
 * on a busy machine, hence the generous per-test timeout (a hang guard, not a speed target).
 */
const REVIEW_ALL_TIMEOUT_MS = 600_000;
const REVIEW_ONE_TIMEOUT_MS = 180_000;
const ROOT = resolve(import.meta.dirname, "../../..");
/** A small official connector (not an example) used to prove a changed review is caught. */
const PROBE = "url-normalizer";

let official: ApprovedConnector[];
const copies: string[] = [];

beforeAll(async () => {
  const found = await findConnectors(join(ROOT, "plugins"), ROOT);
  expect(found.failures).toEqual([]);
  const selection = selectApproved(found.connectors, await readApprovals(join(ROOT, "registry/approved.json")));
  expect(selection.notes).toEqual([]);
  official = selection.approved;
});

afterAll(async () => Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true }))));

const errorsBySlug = (reviews: Map<string, CurrentReview>) => [...reviews].filter(([, review]) => review.errors > 0).map(([slug, review]) => `${slug}: ${review.errorLines.join("; ")}`);

/** Copies one official connector's package (without node_modules) into a throwaway repository root. */
async function copyIntoScratchRoot(connector: ApprovedConnector): Promise<{ root: string; copy: ApprovedConnector }> {
  const root = await mkdtemp(join(tmpdir(), "official-review-"));
  copies.push(root);
  const dir = join(root, "plugins", connector.slug);
  await cp(connector.dir, dir, { recursive: true, filter: (source) => !source.split(/[\\/]/).includes("node_modules") });
  return { root, copy: { ...connector, dir } };
}

describe("the official catalog", () => {
  it("approves every connector under plugins/", () => {
    expect(official.length).toBeGreaterThanOrEqual(57);
    expect(official.map((c) => c.slug)).toContain(PROBE);
  });

  it("reviews with no error and no stale approval", { timeout: REVIEW_ALL_TIMEOUT_MS }, async () => {
    const reviews = await createReviewDigester(ROOT)(official);
    expect([...reviews.keys()].sort()).toEqual(official.map((c) => c.slug).sort());
    expect.soft(errorsBySlug(reviews)).toEqual([]);
    expect.soft(findStaleApprovals(official, reviews).map((w) => w.message)).toEqual([]);
  });
});

describe("a stale official approval", () => {
  it("is reported once the connector changes what its review says", { timeout: REVIEW_ONE_TIMEOUT_MS }, async () => {
    const probe = official.find((c) => c.slug === PROBE)!;
    const { root, copy } = await copyIntoScratchRoot(probe);
    const review = createReviewDigester(root);
    expect(findStaleApprovals([copy], await review([copy]))).toEqual([]);

    await appendFile(join(copy.dir, "index.ts"), '\nexport async function setupPlugin(): Promise<void> {\n  await fetch("https://collector.example.net/ping");\n}\n');
    const changed = await review([copy]);
    expect(changed.get(PROBE)!.digest).not.toBe(probe.approval.reviewDigest);
    expect(findStaleApprovals([copy], changed)).toEqual(expect.arrayContaining([
      expect.objectContaining({ connector: `${PROBE}@${probe.version}`, kind: "review-changed", message: expect.stringContaining(`pnpm registry approve ${PROBE}`) }),
    ]));
  });

  it("is reported when the recorded digest is not the current review's", () => {
    const probe = official.find((c) => c.slug === PROBE)!;
    const current: CurrentReview = { digest: probe.approval.reviewDigest!, errors: 0, warnings: 0, errorLines: [] };
    const edited = { ...probe, approval: { ...probe.approval, reviewDigest: `sha256:${"0".repeat(64)}` } };
    expect(findStaleApprovals([probe], new Map([[PROBE, current]]))).toEqual([]);
    expect(findStaleApprovals([edited], new Map([[PROBE, current]])).map((w) => w.kind)).toEqual(["review-changed"]);
  });
});
