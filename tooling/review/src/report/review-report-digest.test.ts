import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULE_VERSIONS } from "../checks/rule-versions.ts";
import type { Finding } from "../types.ts";
import { reviewReportDigest } from "./review-report-digest.ts";
import { summarizeCategories } from "./summarize-categories.ts";
import type { ConnectorReport } from "./types.ts";

function report(dir: string, findings: Finding[]): ConnectorReport {
  return { slug: "acme", dir, status: "unchanged", categories: summarizeCategories(findings, ["tests", "performance"]), findings, humanChecks: [] };
}

const finding = (dir: string, extra: Partial<Finding> = {}): Finding => ({ rule: "security/network-hosts", severity: "error", category: "security", file: `${dir}/index.ts`, line: 3, message: "fetch connects to `x.example`", fix: "add it", ...extra });

describe("reviewReportDigest", () => {
  it("is the same for the same findings wherever the package was read, in any order, on any line", () => {
    const inRepo = report("plugins/acme", [finding("plugins/acme"), finding("plugins/acme", { rule: "security/no-eval", message: "eval" })]);
    const outside = report("/tmp/review-xyz/package", [finding("/tmp/review-xyz/package", { rule: "security/no-eval", message: "eval", line: 40 }), finding("/tmp/review-xyz/package", { line: 9 })]);
    expect(reviewReportDigest(inRepo)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(reviewReportDigest(outside)).toBe(reviewReportDigest(inRepo));
  });

  it("changes when a finding appears, changes severity or message", () => {
    const base = reviewReportDigest(report("plugins/acme", [finding("plugins/acme")]));
    expect(reviewReportDigest(report("plugins/acme", []))).not.toBe(base);
    expect(reviewReportDigest(report("plugins/acme", [finding("plugins/acme", { severity: "warning" })]))).not.toBe(base);
    expect(reviewReportDigest(report("plugins/acme", [finding("plugins/acme", { message: "fetch connects to `y.example`" })]))).not.toBe(base);
  });

  it("leaves out capability changes against the base, so a PR's review and the merged package's agree", () => {
    const merged = report("plugins/acme", [finding("plugins/acme")]);
    const widening = finding("plugins/acme", { rule: "manifest/capability-change", category: "security", message: "widens egress to `y.example`" });
    expect(reviewReportDigest(report("plugins/acme", [widening, finding("plugins/acme")]))).toBe(reviewReportDigest(merged));
  });

  it("covers every connector of a whole review, by slug", () => {
    const one = report("plugins/acme", [finding("plugins/acme")]);
    const whole = { connectors: [one], notices: [], totals: { error: 1, warning: 0, info: 0 } };
    expect(reviewReportDigest(whole)).toMatch(/^sha256:/);
    expect(reviewReportDigest({ ...whole, head: "abc", base: "main" })).toBe(reviewReportDigest(whole));
    expect(reviewReportDigest({ ...whole, connectors: [one, { ...one, slug: "other" }] })).not.toBe(reviewReportDigest(whole));
  });

  it("knows the version of every rule the review's sources can report", () => {
    const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [join(dir, entry.name)] : []));
    const rules = new Set(sources(join(import.meta.dirname, "..")).flatMap((file) => [...readFileSync(file, "utf8").matchAll(/["`]((?:manifest|package|security|best-practices|tests|performance|review)\/[a-z-]+)["`]/g)].map((m) => m[1]!)));
    expect([...rules].filter((rule) => !(rule in RULE_VERSIONS))).toEqual([]);
  });
});
