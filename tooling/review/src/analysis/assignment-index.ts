import ts from "typescript";
import { walk } from "../ast/walk.ts";
import type { ParsedSource } from "../types.ts";
import type { ReviewProgram } from "./review-program.ts";

/** What a variable is assigned after its declaration: each right-hand side, or `compound` for `+=` and friends. */
export type Assignment = { kind: "plain"; value: ts.Expression } | { kind: "compound"; node: ts.Node };

function isCompound(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstCompoundAssignment && kind <= ts.SyntaxKind.LastCompoundAssignment;
}

/**
 * Every later assignment to each variable the connector declares (`x = …`, `x += …`, `x++`), keyed by
 * its declaration, so a `let` reassigned to `eval` or `globalThis` is followed like its initializer.
 */
export function indexAssignments(program: ReviewProgram, sources: readonly ParsedSource[]): Map<ts.Node, Assignment[]> {
  const index = new Map<ts.Node, Assignment[]>();
  const add = (target: ts.Expression, assignment: Assignment) => {
    if (!ts.isIdentifier(target)) return;
    const declaration = program.resolve(target);
    if (!declaration || declaration === "global") return;
    index.set(declaration, [...(index.get(declaration) ?? []), assignment]);
  };
  for (const source of sources) {
    walk(source.ast, (node) => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) add(node.left, { kind: "plain", value: node.right });
      else if (ts.isBinaryExpression(node) && isCompound(node.operatorToken.kind)) add(node.left, { kind: "compound", node });
      else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && [ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken].includes(node.operator)) add(node.operand, { kind: "compound", node });
    });
  }
  return index;
}
