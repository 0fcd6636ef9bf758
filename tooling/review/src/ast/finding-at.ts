import type ts from "typescript";
import type { Finding, FindingCategory, FindingSeverity, ParsedSource } from "../types.ts";
import { lineOf } from "./walk.ts";

/** Builds a finding located at a node of a parsed source. */
export function findingAt(
  source: ParsedSource,
  node: ts.Node,
  rule: string,
  category: FindingCategory,
  severity: FindingSeverity,
  message: string,
  fix: string,
): Finding {
  return { rule, category, severity, file: source.file, line: lineOf(node, source.ast), message, fix };
}

/** The connector's runtime sources (test files left out). */
export function runtimeSources<T extends { isTest: boolean }>(sources: readonly T[]): T[] {
  return sources.filter((source) => !source.isTest);
}
