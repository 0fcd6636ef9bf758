import ts from "typescript";
import { lineOf, walk } from "../ast/walk.ts";
import type { ParsedSource } from "../types.ts";
import type { ConnectorAnalysis } from "./connector-analysis.ts";
import { alternatives, exactString } from "./value.ts";

/** A `require(…)` or `import(…)` whose module name is computed, with the name when the review can work it out. */
export interface ComputedImport {
  source: ParsedSource;
  line: number;
  kind: "require" | "dynamic";
  /** The module name the argument evaluates to (`"child_" + "process"` → `child_process`), if known. */
  specifier?: string;
}

/**
 * Every `require(x)` / `import(x)` the plain import scan cannot read: a computed argument, or a
 * loader reached through an alias (`const load = require; load("fs")`), with what the name evaluates to.
 */
export function findComputedImports(analysis: ConnectorAnalysis): ComputedImport[] {
  const found: ComputedImport[] = [];
  for (const source of analysis.sources) {
    walk(source.ast, (node) => {
      if (!ts.isCallExpression(node) || !node.arguments[0]) return;
      const literal = ts.isStringLiteralLike(node.arguments[0]);
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword && !literal;
      const plainRequire = ts.isIdentifier(node.expression) && node.expression.text === "require" && analysis.program.resolve(node.expression) === "global";
      const isRequire = !isImport && node.expression.kind !== ts.SyntaxKind.ImportKeyword && (plainRequire ? !literal : alternatives(analysis.values.evaluate(node.expression)).some((o) => o.kind === "intrinsic" && o.name === "require"));
      if (!isImport && !isRequire) return;
      found.push({ source, line: lineOf(node, source.ast), kind: isImport ? "dynamic" : "require", specifier: exactString(analysis.values.evaluate(node.arguments[0])) });
    });
  }
  return found;
}
