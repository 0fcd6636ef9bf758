import ts from "typescript";
import { accessPath, walk } from "../../ast/walk.ts";
import { findingAt, runtimeSources } from "../../ast/finding-at.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

const RULE = "security/no-eval";
const FIX = "remove runtime code generation; write the logic as plain functions";
const EVAL_NAMES = new Set(["eval", "globalThis.eval", "window.eval", "global.eval", "Function", "globalThis.Function"]);
const TIMER_NAMES = new Set(["setTimeout", "setInterval", "setImmediate"]);

/** Flags `eval`, `new Function`, `Function(...)`, `x.constructor.constructor(...)` and string timers. */
export function checkNoEval(ctx: ConnectorContext): Finding[] {
  return runtimeSources(ctx.sources).flatMap((source) => {
    const found: Finding[] = [];
    walk(source.ast, (node) => {
      if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return;
      const callee = accessPath(node.expression);
      if (callee && EVAL_NAMES.has(callee)) {
        found.push(findingAt(source, node, RULE, "security", "error", `\`${callee}\` evaluates code built at runtime`, FIX));
      } else if (callee?.endsWith(".constructor.constructor") || (ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "constructor" && ts.isPropertyAccessExpression(node.expression.expression) && node.expression.expression.name.text === "constructor")) {
        found.push(findingAt(source, node, RULE, "security", "error", "`.constructor.constructor(...)` reaches the Function constructor (sandbox escape pattern)", FIX));
      } else if (callee && TIMER_NAMES.has(callee) && node.arguments?.[0] && ts.isStringLiteralLike(node.arguments[0])) {
        found.push(findingAt(source, node, RULE, "security", "error", `\`${callee}\` with a string argument evaluates code`, FIX));
      }
    });
    return found;
  });
}
