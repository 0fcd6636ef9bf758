import ts from "typescript";
import { findHooks, PER_EVENT_HOOKS } from "../../ast/find-hooks.ts";
import { accessPath, walk } from "../../ast/walk.ts";
import { findingAt, runtimeSources } from "../../ast/finding-at.ts";
import type { ConnectorContext, Finding, ParsedSource } from "../../types.ts";

const RULE = "security/unbounded-loops";

function isConstantTrue(node: ts.Expression | undefined): boolean {
  if (!node) return true;
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (ts.isNumericLiteral(node)) return node.text !== "0";
  if (ts.isParenthesizedExpression(node)) return isConstantTrue(node.expression);
  return false;
}

function hasExit(loop: ts.IterationStatement): boolean {
  let exits = false;
  walk(loop.statement, (node) => {
    if (ts.isFunctionLike(node)) return false;
    if (ts.isBreakStatement(node) || ts.isReturnStatement(node) || ts.isThrowStatement(node)) exits = true;
    return undefined;
  });
  return exits;
}

function loopCondition(loop: ts.IterationStatement): ts.Expression | undefined {
  if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) return loop.expression;
  if (ts.isForStatement(loop)) return loop.condition;
  return undefined;
}

/** The event-controlled value a loop bound reads (`event.properties.count`), ignoring `.length`. */
function inputBound(condition: ts.Expression, eventParam: string): string | undefined {
  let bound: string | undefined;
  const inspect = (node: ts.Node): boolean | void => {
    const path = accessPath(node);
    if (path && (path === eventParam || path.startsWith(`${eventParam}.`))) {
      if (!path.endsWith(".length")) bound ??= path;
      return false;
    }
    return undefined;
  };
  if (inspect(condition) !== false) walk(condition, inspect);
  return bound;
}

function infiniteLoops(source: ParsedSource): Finding[] {
  const found: Finding[] = [];
  walk(source.ast, (node) => {
    if (!ts.isWhileStatement(node) && !ts.isDoStatement(node) && !ts.isForStatement(node)) return;
    if (isConstantTrue(loopCondition(node)) && !hasExit(node)) {
      found.push(findingAt(source, node, RULE, "security", "error", "loop with a constant-true condition and no break, return or throw never ends", "give the loop a real bound or an exit"));
    }
  });
  return found;
}

function inputControlledLoops(source: ParsedSource): Finding[] {
  const found: Finding[] = [];
  for (const hook of findHooks(source.ast, PER_EVENT_HOOKS)) {
    if (!hook.eventParam) continue;
    walk(hook.node, (node) => {
      let bound: string | undefined;
      if (ts.isWhileStatement(node) || ts.isDoStatement(node) || ts.isForStatement(node)) {
        const condition = loopCondition(node);
        bound = condition && inputBound(condition, hook.eventParam!);
      } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ["repeat", "fill"].includes(node.expression.name.text) && node.arguments[0]) {
        bound = inputBound(node.arguments[0], hook.eventParam!);
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && accessPath(node.expression) === "Array" && node.arguments?.length === 1) {
        bound = inputBound(node.arguments[0]!, hook.eventParam!);
      }
      if (bound) {
        found.push(findingAt(source, node, RULE, "security", "error", `${hook.name} loops or allocates as many times as \`${bound}\` says: one crafted event can stall the pipeline`, "cap the count with a constant (e.g. `Math.min(n, 1000)`) or iterate over a bounded collection"));
      }
    });
  }
  return found;
}

/** Flags loops that never end and loops whose bound is a number taken from the event. */
export function checkUnboundedLoops(ctx: ConnectorContext): Finding[] {
  return runtimeSources(ctx.sources).flatMap((source) => [...infiniteLoops(source), ...inputControlledLoops(source)]);
}
