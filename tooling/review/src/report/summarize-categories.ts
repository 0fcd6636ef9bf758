import { CATEGORIES, type Finding, type FindingCategory } from "../types.ts";
import type { CategoryStatus } from "./types.ts";

/** Each category's verdict from its findings; categories in `skipped` were not run. */
export function summarizeCategories(findings: readonly Finding[], skipped: readonly FindingCategory[] = []): Record<FindingCategory, CategoryStatus> {
  const result = {} as Record<FindingCategory, CategoryStatus>;
  for (const category of CATEGORIES) {
    const mine = findings.filter((finding) => finding.category === category);
    result[category] = mine.some((f) => f.severity === "error") ? "fail" : mine.some((f) => f.severity === "warning") ? "warn" : skipped.includes(category) && mine.length === 0 ? "skipped" : "pass";
  }
  return result;
}
