import ts from "typescript";
import type { ConnectorAnalysis } from "./connector-analysis.ts";
import { exactString } from "./value.ts";

/** A place that keeps its contents across events: a module-level variable, `meta.global.*`, or a property of the global object. */
export interface StorageRef {
  /** Identity of the storage (declaration position or `meta.global.<path>`), equal for every spelling of it. */
  key: string;
  /** How the report names it. */
  label: string;
  /** The module-level declaration, when the storage is one. */
  declaration?: ts.VariableDeclaration;
}

function unwrap(node: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node) ? unwrap(node.expression) : node;
}

function isModuleLevel(node: ts.Node): boolean {
  for (let at = node.parent; at; at = at.parent) if (ts.isFunctionLike(at) || ts.isClassLike(at)) return false;
  return true;
}

/** The parameter a binding element destructures from, with the property names on the way (`{ global }` → ["global"]). */
function bindingPath(element: ts.BindingElement): { root: ts.Node; path: string[] } {
  const path: string[] = [];
  let at: ts.Node = element;
  while (ts.isBindingElement(at)) {
    const name = at.propertyName ?? at.name;
    path.unshift(ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : "?");
    at = at.parent.parent;
  }
  return { root: at, path };
}

/**
 * The long-lived storage an expression names, if any: `seen` declared at module level,
 * `meta.global.buffer` / `global.buffer` (destructured from meta), `globalThis.cache`, and
 * constant-key paths below them. Computed keys with unknown values end the path.
 */
export function storageOf(analysis: ConnectorAnalysis, expression: ts.Expression): StorageRef | undefined {
  const path: string[] = [];
  let node = unwrap(expression);
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const key = ts.isPropertyAccessExpression(node) ? node.name.text : exactString(analysis.values.evaluate(node.argumentExpression));
    if (key === undefined) path.length = 0;
    else path.unshift(key);
    node = unwrap(node.expression);
  }
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = analysis.program.resolve(node);
  if (declaration === "global") return { key: `globalThis.${[node.text, ...path].join(".")}`, label: [node.text, ...path].join(".") };
  if (!declaration) return undefined;
  if (ts.isVariableDeclaration(declaration) && isModuleLevel(declaration) && ts.isIdentifier(declaration.name)) {
    return { key: `${declaration.getSourceFile().fileName}:${declaration.pos}.${path.join(".")}`, label: [node.text, ...path].join("."), declaration };
  }
  const fromParameter = ts.isBindingElement(declaration) ? bindingPath(declaration) : ts.isParameter(declaration) ? { root: declaration, path: [] } : undefined;
  if (!fromParameter || !ts.isParameter(fromParameter.root)) return undefined;
  const full = [...fromParameter.path, ...path];
  const global = full.indexOf("global");
  return global >= 0 && global < full.length - 1 ? { key: `meta.global.${full.slice(global + 1).join(".")}`, label: `meta.global.${full.slice(global + 1).join(".")}` } : undefined;
}
