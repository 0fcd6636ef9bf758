import ts from "typescript";
import { accessPath, walk } from "../../ast/walk.ts";
import { findingAt, runtimeSources } from "../../ast/finding-at.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

const RULE = "security/prototype-pollution";
const BUILTINS = /^(Object|Array|Function|String|Number|Boolean|Promise|RegExp|Date|Map|Set|Error)\.prototype(\.|$)/;

function isAssignmentTarget(node: ts.Node): boolean {
  const parent = node.parent;
  return ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
}

/**
 * Flags prototype pollution patterns: `__proto__` in any form, writes to built-in prototypes or to
 * `x.constructor.prototype`, and `Object.setPrototypeOf` / `Object.defineProperty` on built-in prototypes.
 */
export function checkPrototypePollution(ctx: ConnectorContext): Finding[] {
  return runtimeSources(ctx.sources).flatMap((source) => {
    const found: Finding[] = [];
    const flag = (node: ts.Node, message: string) =>
      found.push(findingAt(source, node, RULE, "security", "error", message, "copy data into fresh objects (`Object.create(null)` or a `Map`) and never write to prototypes; skip `__proto__`/`constructor`/`prototype` keys from input"));
    walk(source.ast, (node) => {
      if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) && node.text === "__proto__") flag(node, "uses `__proto__`");
      else if (ts.isStringLiteralLike(node) && node.text === "__proto__") flag(node, "uses the `\"__proto__\"` key");
      else if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && isAssignmentTarget(node)) {
        const path = accessPath(node) ?? "";
        if (BUILTINS.test(path) || /\.constructor\.prototype(\.|$)/.test(path)) flag(node, `writes to \`${path}\` (pollutes a shared prototype)`);
      } else if (ts.isCallExpression(node)) {
        const callee = accessPath(node.expression);
        const target = node.arguments[0] && accessPath(node.arguments[0]);
        if ((callee === "Object.setPrototypeOf" || callee === "Reflect.setPrototypeOf") && target !== undefined) flag(node, `\`${callee}\` changes an object's prototype`);
        else if ((callee === "Object.defineProperty" || callee === "Object.assign") && target && BUILTINS.test(target)) flag(node, `\`${callee}\` on \`${target}\` (pollutes a shared prototype)`);
      }
    });
    return found;
  });
}
