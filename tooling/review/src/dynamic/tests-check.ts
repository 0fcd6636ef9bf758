import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { CONFORMANCE_MODES, runConformance, type ConformanceReport } from "@connectors/testkit";
import type { Finding } from "../types.ts";
import type { DynamicCheck } from "./types.ts";

const run = promisify(execFile);

/** The parts of vitest's JSON report the review reads. */
export interface VitestJsonReport {
  numTotalTests: number;
  numFailedTests: number;
  testResults: { name: string; assertionResults: { fullName: string; status: string; failureMessages?: string[] }[] }[];
}

/** istanbul's `coverage-summary.json` total. */
export interface CoverageSummary {
  total: { lines: { pct: number }; branches: { pct: number } };
}

/**
 * Turns a test run, its coverage and the conformance report into findings: failing tests and
 * conformance checks are errors, line coverage under `threshold` % is an error, no tests a warning.
 */
export function judgeTests(dir: string, report: VitestJsonReport | undefined, coverage: CoverageSummary | undefined, conformance: ConformanceReport | undefined, threshold = 80): Finding[] {
  const finding = (severity: Finding["severity"], message: string, fix: string, file = `${dir}/index.test.ts`): Finding => ({ rule: "tests/run", category: "tests", severity, file, message, fix });
  const found: Finding[] = [];
  if (!report) found.push(finding("error", "the connector's tests did not produce a report (they crashed or did not start)", "run `pnpm vitest run --project <slug>` locally"));
  else if (report.numTotalTests === 0) found.push(finding("warning", "the connector has no tests", "add tests through @connectors/testkit"));
  for (const result of report?.testResults ?? []) {
    for (const assertion of result.assertionResults.filter((a) => a.status === "failed").slice(0, 10)) {
      found.push(finding("error", `test failed: ${assertion.fullName}: ${(assertion.failureMessages?.[0] ?? "").split("\n")[0]}`, "fix the connector or the test", result.name.includes(dir) ? result.name.slice(result.name.indexOf(dir)) : `${dir}/index.test.ts`));
    }
  }
  for (const check of conformance?.checks.filter((c) => !c.ok) ?? []) {
    found.push({ ...finding("error", `conformance: ${check.name}: ${check.detail ?? "failed"}`, "run `pnpm vitest run --project conformance`"), rule: "tests/conformance" });
  }
  if (coverage) {
    const lines = coverage.total.lines.pct;
    found.push({ ...finding(lines < threshold ? "error" : "info", `line coverage ${lines}% (branches ${coverage.total.branches.pct}%), threshold ${threshold}%`, lines < threshold ? "add tests for the uncovered rules (`--coverage` shows which lines)" : "no action needed", `${dir}`), rule: "tests/coverage" });
  }
  return found;
}

/** The review runs the connector itself only in the harness sandbox (its own isolate), never in its own realm. */
const SANDBOX_ONLY = CONFORMANCE_MODES.filter((mode) => mode.name === "sandbox");

/**
 * The tests dynamic check: runs the connector's vitest project once with v8 coverage (a child
 * process: the package's own test files, for pull requests in the unprivileged CI job only), and the
 * conformance suite with the connector in the sandbox. Never in a job holding a write token, and
 * never for an outside submission (`connectors review <source>` runs no test files).
 */
export function createTestsCheck(options: { coverageThreshold?: number } = {}): DynamicCheck {
  return {
    name: "tests",
    category: "tests",
    async run(ctx, env) {
      if (env.source) return [{ rule: "tests/run", category: "tests", severity: "info", file: ctx.dir, message: "not run: the connector comes from outside the repository, and its test files would run on the host", fix: "`connectors submit` brings it in with a test scaffold; its tests then run in CI" }];
      const out = mkdtempSync(join(tmpdir(), "review-tests-"));
      try {
        await run("pnpm", [
          "exec", "vitest", "run", "--project", ctx.slug,
          "--reporter=json", `--outputFile.json=${join(out, "report.json")}`,
          "--coverage.enabled=true", "--coverage.provider=v8", "--coverage.reporter=json-summary", `--coverage.reportsDirectory=${join(out, "coverage")}`,
          `--coverage.include=${ctx.dir}/**/*.{ts,js,mjs,cjs}`, "--coverage.exclude=**/*.test.*", "--coverage.exclude=**/fixtures/**", "--coverage.exclude=**/*.config.*",
        ], { cwd: env.root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } }).catch(() => undefined);
        const read = <T>(file: string): T | undefined => (existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : undefined);
        const conformance = await runConformance(join(env.root, ctx.dir), SANDBOX_ONLY).catch((error: unknown) => ({ slug: ctx.slug, ok: false, checks: [{ name: "load the connector", ok: false, detail: error instanceof Error ? error.message : String(error) }] }));
        return judgeTests(ctx.dir, read<VitestJsonReport>(join(out, "report.json")), read<CoverageSummary>(join(out, "coverage", "coverage-summary.json")), conformance, options.coverageThreshold);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  };
}

/** Every dynamic check with its defaults: tests + conformance + coverage, and the performance budget. */
export async function loadDefaultDynamicChecks(): Promise<DynamicCheck[]> {
  const { createPerformanceCheck } = await import("./performance-check.ts");
  return [createTestsCheck(), createPerformanceCheck()];
}
