import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES } from "../testing/create-fixture-repo.ts";
import { benchmarkConnector, standardEventCorpus } from "./benchmark-connector.ts";
import { judgePerformance } from "./performance-check.ts";
import { judgeTests } from "./tests-check.ts";

const fast = { events: 1000, eventsPerSecond: 50_000, p99Ms: 0.02, memoryGrowthBytes: 100_000, bundleBytes: 2000 };

describe("judgePerformance", () => {
  it("passes within budget and reports the numbers with ratios vs main", () => {
    const findings = judgePerformance("plugins/x/index.ts", fast, { ...fast, eventsPerSecond: 40_000 });
    expect(findings.map((f) => f.severity)).toEqual(["info"]);
    expect(findings[0]!.message).toMatch(/^50000 events\/s \(1\.25× main\), p99 0\.02 ms \(1\.00× main\)/);
  });

  it("fails a budget breach and warns about a regression vs main, ignoring noise", () => {
    const slow = { ...fast, eventsPerSecond: 300, p99Ms: 40, bundleBytes: 2 * 1024 * 1024 };
    const findings = judgePerformance("plugins/x/index.ts", slow, fast);
    expect(findings.filter((f) => f.severity === "error").map((f) => f.message)).toEqual([
      "throughput 300 events/s is under the budget of 500",
      "p99 latency 40 ms is over the budget of 20 ms",
      "bundle is 2048 KiB, over 1024 KiB",
    ]);
    expect(findings.filter((f) => f.severity === "warning").map((f) => f.message)).toEqual([
      "throughput regressed 166.67× vs main",
      "p99 regressed 2000.00× vs main",
      "bundle regressed 1048.58× vs main",
    ]);
  });
});

describe("judgeTests", () => {
  it("turns failing tests, conformance failures and low coverage into errors", () => {
    const findings = judgeTests(
      "plugins/x",
      { numTotalTests: 2, numFailedTests: 1, testResults: [{ name: "/repo/plugins/x/index.test.ts", assertionResults: [{ fullName: "x drops events", status: "failed", failureMessages: ["expected null\n at ..."] }, { fullName: "ok", status: "passed" }] }] },
      { total: { lines: { pct: 61.5 }, branches: { pct: 40 } } },
      { slug: "x", ok: false, checks: [{ name: "config schema compiles", ok: true }, { name: "exports only hooks the contract knows", ok: false, detail: "unknown exports: helper" }] },
    );
    expect(findings.map((f) => `${f.severity} ${f.rule} ${f.file}: ${f.message}`)).toEqual([
      "error tests/run plugins/x/index.test.ts: test failed: x drops events: expected null",
      "error tests/conformance plugins/x/index.test.ts: conformance: exports only hooks the contract knows: unknown exports: helper",
      "error tests/coverage plugins/x: line coverage 61.5% (branches 40%), threshold 80%",
    ]);
  });

  it("reports a run that produced no report", () => {
    expect(judgeTests("plugins/x", undefined, undefined, undefined)[0]).toMatchObject({ severity: "error", rule: "tests/run" });
  });
});

describe("benchmarkConnector", () => {
  it("measures the clean fixture on the standard corpus, run in the sandbox (its top-level code never touches the review's realm)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "review-bench-"));
    cpSync(join(FIXTURES, "clean"), dir, { recursive: true });
    writeFileSync(join(dir, "index.ts"), `(globalThis as { __reviewBenchMarker?: number }).__reviewBenchMarker = 1;\n${readFileSync(join(dir, "index.ts"), "utf8")}`);
    const result = await benchmarkConnector(dir, { events: 300, warmup: 20, config: { apiKey: "test-key" } }).finally(() => rmSync(dir, { recursive: true, force: true }));
    expect(result.events).toBe(300);
    expect(result.eventsPerSecond).toBeGreaterThan(0);
    expect(result.bundleBytes).toBeGreaterThan(100);
    expect((globalThis as { __reviewBenchMarker?: unknown }).__reviewBenchMarker).toBeUndefined();
    expect(standardEventCorpus(8).map((e) => e.event)).toEqual(["$pageview", "$identify", "$autocapture", "purchase", "$pageview", "$identify", "$autocapture", "purchase"]);
  });
});
