import ts from "typescript";
import { walk } from "../../ast/walk.ts";
import { findingAt, runtimeSources } from "../../ast/finding-at.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

function isTeamId(node: ts.Node): boolean {
  return (ts.isPropertyAccessExpression(node) && node.name.text === "team_id") || (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === "team_id");
}

/** Flags writes to and deletes of `team_id`: the host resets it and fails the event (IllegalOperationError). */
export function checkTeamIdMutation(ctx: ConnectorContext): Finding[] {
  return runtimeSources(ctx.sources).flatMap((source) => {
    const found: Finding[] = [];
    walk(source.ast, (node) => {
      const target =
        ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment ? node.left
        : ts.isDeleteExpression(node) ? node.expression
        : (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && [ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken].includes(node.operator) ? node.operand
        : undefined;
      if (target && isTeamId(target)) {
        found.push(findingAt(source, node, "best-practices/team-id-mutation", "best-practices", "error", "changes `team_id`: the host resets it and reports IllegalOperationError", "never change `team_id`; send data for another project with fetch to its capture endpoint"));
      }
    });
    return found;
  });
}
