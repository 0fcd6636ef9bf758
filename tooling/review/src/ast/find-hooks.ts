import ts from "typescript";
import { walk } from "./walk.ts";

/** The body of one hook a connector defines, with the names its parameters bind. */
export interface HookDefinition {
  name: string;
  node: ts.FunctionLikeDeclaration;
  /** Name of the first parameter (the event / events), when it is a plain identifier. */
  eventParam?: string;
  /** Names bound from the last parameter (`meta`, or `{ config, cache }` destructured). */
  metaNames: string[];
}

function functionOf(node: ts.Node | undefined): ts.FunctionLikeDeclaration | undefined {
  if (!node) return undefined;
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) return node;
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return functionOf(node.expression);
  return undefined;
}

function bindingNames(name: ts.BindingName | undefined): string[] {
  if (!name) return [];
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNames(element.name)));
}

function toHook(name: string, fn: ts.FunctionLikeDeclaration): HookDefinition {
  const params = fn.parameters;
  const first = params[0]?.name;
  const metaParam = params.length > 1 ? params[params.length - 1]!.name : undefined;
  return { name, node: fn, eventParam: first && ts.isIdentifier(first) ? first.text : undefined, metaNames: bindingNames(metaParam) };
}

/**
 * Finds the functions a connector defines under a hook name, in any export style: `function
 * processEvent`, `const processEvent = () =>`, or a `processEvent` property / method of an object.
 */
export function findHooks(sourceFile: ts.SourceFile, names: readonly string[]): HookDefinition[] {
  const wanted = new Set(names);
  const hooks: HookDefinition[] = [];
  walk(sourceFile, (node) => {
    if (ts.isFunctionDeclaration(node) && node.name && wanted.has(node.name.text)) hooks.push(toHook(node.name.text, node));
    else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && wanted.has(node.name.text)) {
      const fn = functionOf(node.initializer);
      if (fn) hooks.push(toHook(node.name.text, fn));
    } else if ((ts.isPropertyAssignment(node) || ts.isMethodDeclaration(node)) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && wanted.has(node.name.text)) {
      const fn = ts.isMethodDeclaration(node) ? node : functionOf(node.initializer);
      if (fn) hooks.push(toHook(node.name.text, fn));
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && wanted.has(node.left.name.text)) {
      const fn = functionOf(node.right);
      if (fn) hooks.push(toHook(node.left.name.text, fn));
    }
  });
  return hooks;
}

/** Hooks that run once per event: logging, storage and loops inside them scale with traffic. */
export const PER_EVENT_HOOKS = ["processEvent", "processEventBatch", "onEvent", "composeWebhook", "exportEvents"] as const;

/** True when `node` lies inside `container`. */
export function isInside(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end && node.getSourceFile() === container.getSourceFile();
}
