import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegistry } from "../build/build-registry.ts";
import { runBuildCommand } from "../commands/build-command.ts";
import { ApprovalsError } from "../errors.ts";
import { createReviewDigester } from "../review/review-digester.ts";
import { createFixtureWorkspace } from "../testing/fixture-workspace.ts";
import { approveConnectors } from "./approve-connectors.ts";
import { readApprovals } from "./read-approvals.ts";

const TEST = 'import { describe, it } from "vitest";\ndescribe("x", () => it("works", () => {}));\n';
const NOW = new Date("2026-06-01T10:00:00.123Z");
let root: string;

beforeAll(async () => {
  root = await createFixtureWorkspace(
    [
      { slug: "alpha", files: { "index.test.ts": TEST } },
      { slug: "beta" },
      { slug: "gamma", manifest: { name: "Gamma Example", categories: ["transformation", "example"], config: [] }, files: { "index.test.ts": TEST } },
    ],
    { approved: [] },
  );
});
afterAll(() => rm(root, { recursive: true, force: true }));

const approvalOf = async (slug: string) => (await readApprovals(join(root, "registry/approved.json"))).approved.find((a) => a.slug === slug);

describe("approveConnectors (real review)", () => {
  it("records each clean connector with its review digest, marks examples, refuses one with errors", async () => {
    const { outcomes } = await approveConnectors({ root, slugs: "all", approvedBy: "carol", now: NOW });
    expect(outcomes.map((o) => [o.connector, o.result])).toEqual([["alpha@1.0.0", "approved"], ["beta@1.0.0", "refused"], ["gamma@1.0.0", "approved"]]);
    expect(outcomes[1]!.detail).toMatch(/its review has 1 error\(s\): package\/required-files: index\.test\.ts is missing\. Fix the connector, or pass --override/);
    const current = await createReviewDigester(root)([{ slug: "alpha", dir: join(root, "plugins/alpha"), packageName: "posthog-alpha-plugin", version: "1.0.0" }]);
    expect(await approvalOf("alpha")).toEqual({ slug: "alpha", version: "1.0.0", approvedBy: "carol", approvedAt: "2026-06-01T10:00:00Z", reviewDigest: current.get("alpha")!.digest });
    expect(await approvalOf("gamma")).toMatchObject({ example: true });
    expect(await approvalOf("beta")).toBeUndefined();
  });

  it("leaves an approval on the current review as it is", async () => {
    const { outcomes } = await approveConnectors({ root, slugs: ["alpha"], approvedBy: "dave" });
    expect(outcomes).toMatchObject([{ connector: "alpha@1.0.0", result: "unchanged" }]);
    expect(await approvalOf("alpha")).toMatchObject({ approvedBy: "carol" });
  });

  it("approves despite errors only with an override reason, recorded", async () => {
    const { outcomes } = await approveConnectors({ root, slugs: ["beta"], approvedBy: "carol", override: "the tests live in the conformance fixtures", now: NOW });
    expect(outcomes).toMatchObject([{ result: "approved" }]);
    expect(await approvalOf("beta")).toMatchObject({ override: "the tests live in the conformance fixtures" });
  });

  it("a changed connector makes the build warn, in its output and build-report.json, until it is re-approved", async () => {
    const file = join(root, "plugins/alpha/index.ts");
    const original = await readFile(file, "utf8");
    await writeFile(file, "export function processEvent(event: { event: string }) {\n  console.log('got', event.event);\n  return event;\n}\n");
    try {
      const recorded = (await approvalOf("alpha"))!.reviewDigest!;
      const lines: string[] = [];
      await runBuildCommand({ root, skipTests: true }, (l) => lines.push(l));
      const warning = lines.find((l) => l.includes("alpha@1.0.0 was approved on review"));
      expect(warning).toMatch(new RegExp(`warning: alpha@1\\.0\\.0 was approved on review ${recorded.slice(0, 19)}…, but its current review is sha256:.*the connector or the review rules changed since\\. Fix: re-review it and record the new digest with \`pnpm registry approve alpha\``));
      expect(lines).toContainEqual(expect.stringMatching(/^1 approval warning\(s\): see above and .*build-report\.json$/));
      const report = JSON.parse(await readFile(join(root, "registry/dist/build-report.json"), "utf8"));
      expect(report.warnings).toContainEqual(expect.objectContaining({ connector: "alpha@1.0.0", kind: "review-changed" }));
      expect(report.published).toEqual(["alpha@1.0.0", "beta@1.0.0", "gamma@1.0.0"]);
      const again = await approveConnectors({ root, slugs: ["alpha"], approvedBy: "carol" });
      expect(again.outcomes).toMatchObject([{ result: "re-approved", detail: `was approved on ${recorded}` }]);
      expect((await buildRegistry({ root, skipTests: true })).warnings).toEqual([]);
    } finally {
      await writeFile(file, original);
    }
  });

  it("a connector whose current review has errors is reported with them, and cannot be re-approved without an override", async () => {
    const file = join(root, "plugins/gamma/index.ts");
    const original = await readFile(file, "utf8");
    await writeFile(file, "export function setupPlugin() {\n  for (;;) {}\n}\nexport const processEvent = (e: unknown) => e;\n");
    try {
      const { warnings } = await buildRegistry({ root, skipTests: true });
      const gamma = warnings.filter((w) => w.connector === "gamma@1.0.0");
      expect(gamma.map((w) => w.kind)).toEqual(["review-changed", "review-has-errors"]);
      expect(gamma[1]!.message).toMatch(/security\/unbounded-loops: loop with a constant-true condition.*Fix: fix the connector, or revoke the version/);
      expect((await approveConnectors({ root, slugs: ["gamma"], approvedBy: "carol" })).outcomes).toMatchObject([{ result: "refused" }]);
    } finally {
      await writeFile(file, original);
    }
  });

  it("names an unknown slug and the known ones", async () => {
    await expect(approveConnectors({ root, slugs: ["delta"], approvedBy: "carol" })).rejects.toThrow(ApprovalsError);
    await expect(approveConnectors({ root, slugs: ["delta"], approvedBy: "carol" })).rejects.toThrow(/no connector "delta" under plugins\/.*Fix: pick one of: alpha, beta, gamma/s);
  });
});
