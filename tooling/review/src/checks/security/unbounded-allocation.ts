import ts from "typescript";
import { findHooks, PER_EVENT_HOOKS } from "../../ast/find-hooks.ts";
import { findingAt } from "../../ast/finding-at.ts";
import { walk } from "../../ast/walk.ts";
import { analyzeConnector, type ConnectorAnalysis } from "../../analysis/connector-analysis.ts";
import { storageOf, type StorageRef } from "../../analysis/long-lived-storage.ts";
import { alternatives, exactString } from "../../analysis/value.ts";
import type { ConnectorContext, Finding, ParsedSource } from "../../types.ts";

const RULE = "security/unbounded-allocation";
const GROW = new Set(["push", "unshift", "add", "set", "append"]);
const SHRINK = new Set(["shift", "pop", "splice", "clear", "delete", "length"]);
const COLLECTIONS = new Set(["Array", "Map", "Set", "Object", "String"]);
const MAX_REACH = 64;

interface Growth {
  source: ParsedSource;
  node: ts.Node;
  storage: StorageRef;
  hook: string;
}

/** The hook's own body and every connector function it calls, transitively (bounded). */
function reachableBodies(analysis: ConnectorAnalysis, hook: ts.Node): ts.Node[] {
  const seen = new Set<ts.Node>([hook]);
  const queue = [hook];
  while (queue.length && seen.size < MAX_REACH) {
    walk(queue.shift()!, (node) => {
      if (!ts.isCallExpression(node)) return;
      for (const option of alternatives(analysis.values.evaluate(node.expression))) {
        if (option.kind === "function" && option.node && !seen.has(option.node)) {
          seen.add(option.node);
          queue.push(option.node);
        }
      }
    });
  }
  return [...seen];
}

function isAssignment(node: ts.Node): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
}

function mentions(analysis: ConnectorAnalysis, node: ts.Node, key: string): boolean {
  let found = false;
  walk(node, (inner) => {
    if (found) return false;
    if ((ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) && storageOf(analysis, inner as ts.Expression)?.key === key) found = true;
    return undefined;
  });
  return found;
}

/** The storage an operation grows, if it grows one: `x.push(…)`, `x[k] = …` with a computed key, `x += …`, `x = [...x, …]`. */
function grownStorage(analysis: ConnectorAnalysis, node: ts.Node): { storage: StorageRef; node: ts.Node } | undefined {
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    const method = node.expression.name.text;
    const grows = GROW.has(method) || (method === "splice" && node.arguments.length > 2);
    const storage = grows ? storageOf(analysis, node.expression.expression) : undefined;
    return storage ? { storage, node } : undefined;
  }
  if (!isAssignment(node)) return undefined;
  const target = node.left;
  if (node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(target) && exactString(analysis.values.evaluate(target.argumentExpression)) === undefined) {
    const storage = storageOf(analysis, target.expression);
    return storage ? { storage, node } : undefined;
  }
  const storage = storageOf(analysis, target);
  if (!storage) return undefined;
  if (node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) return { storage, node };
  return node.operatorToken.kind === ts.SyntaxKind.EqualsToken && mentions(analysis, node.right, storage.key) ? { storage, node } : undefined;
}

const COMPARISONS = new Set([ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/** `x.length` compared with something, or used as a condition: a bound. */
function isSizeCheck(node: ts.Node): boolean {
  let at = node;
  while (ts.isParenthesizedExpression(at.parent) || (ts.isBinaryExpression(at.parent) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken].includes(at.parent.operatorToken.kind))) at = at.parent;
  const parent = at.parent;
  if (ts.isBinaryExpression(parent) && COMPARISONS.has(parent.operatorToken.kind)) return true;
  if ((ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isConditionalExpression(parent)) && (parent as { expression?: ts.Node; condition?: ts.Node }).expression === at) return true;
  return ts.isCallExpression(parent) && /^Math\.(min|max)$/.test(parent.expression.getText());
}

/** Code in setupPlugin runs once: its assignments initialize storage, they do not bound it. */
function isInSetup(node: ts.Node): boolean {
  for (let at = node.parent; at; at = at.parent) {
    if ((ts.isFunctionDeclaration(at) || ts.isMethodDeclaration(at)) && at.name && ts.isIdentifier(at.name) && at.name.text === "setupPlugin") return true;
    if ((ts.isArrowFunction(at) || ts.isFunctionExpression(at)) && ts.isVariableDeclaration(at.parent) && ts.isIdentifier(at.parent.name) && at.parent.name.text === "setupPlugin") return true;
  }
  return false;
}

/** Keys of storage that something bounds: a shrink or reset anywhere, or a size check in a condition. */
function boundedKeys(analysis: ConnectorAnalysis): Set<string> {
  const bounded = new Set<string>();
  const add = (expression: ts.Expression) => {
    const storage = storageOf(analysis, expression);
    if (storage) bounded.add(storage.key);
  };
  for (const source of analysis.sources) {
    walk(source.ast, (node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && SHRINK.has(node.expression.name.text)) add(node.expression.expression);
      else if (ts.isPropertyAccessExpression(node) && (node.name.text === "length" || node.name.text === "size") && isSizeCheck(node)) add(node.expression);
      else if (ts.isDeleteExpression(node) && (ts.isElementAccessExpression(node.expression) || ts.isPropertyAccessExpression(node.expression))) add(node.expression.expression);
      else if (isAssignment(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && !isInSetup(node)) {
        const storage = storageOf(analysis, node.left);
        if (storage && !mentions(analysis, node.right, storage.key)) bounded.add(storage.key);
      } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "keys" && node.arguments[0]) add(node.arguments[0]);
    });
  }
  return bounded;
}

function isPlainValue(analysis: ConnectorAnalysis, value: ts.Expression): boolean {
  if (ts.isArrayLiteralExpression(value) || ts.isObjectLiteralExpression(value) || ts.isStringLiteralLike(value) || ts.isTemplateExpression(value)) return true;
  return ts.isNewExpression(value) && alternatives(analysis.values.evaluate(value.expression)).some((o) => o.kind === "intrinsic" && COLLECTIONS.has(o.name));
}

/**
 * Storage that holds a plain collection or string (not an LRU cache or another type that bounds
 * itself): its module-level initializer, or every value assigned to it (`meta.global.x = new Map()`).
 */
function isPlainCollection(analysis: ConnectorAnalysis, storage: StorageRef): boolean {
  if (storage.declaration) return storage.declaration.initializer !== undefined && isPlainValue(analysis, storage.declaration.initializer);
  let plain = true;
  for (const source of analysis.sources) {
    walk(source.ast, (node) => {
      if (isAssignment(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isNewExpression(node.right) && !isPlainValue(analysis, node.right) && storageOf(analysis, node.left)?.key === storage.key) plain = false;
    });
  }
  return plain;
}

/**
 * Flags per-event hooks (and every connector function they call) that grow storage kept across
 * events — a module-level array, map, set, object or string, `meta.global.*`, a global — when nothing
 * in the connector ever shrinks, resets or size-checks that storage: memory then grows with traffic.
 */
export function checkUnboundedAllocation(ctx: ConnectorContext): Finding[] {
  const analysis = analyzeConnector(ctx);
  const growths: Growth[] = [];
  for (const source of analysis.sources) {
    for (const hook of findHooks(source.ast, PER_EVENT_HOOKS)) {
      for (const body of reachableBodies(analysis, hook.node)) {
        const bodySource = analysis.program.sourceOf(body) ?? source;
        walk(body, (node) => {
          const grown = grownStorage(analysis, node);
          if (grown) growths.push({ source: bodySource, node: grown.node, storage: grown.storage, hook: hook.name });
        });
      }
    }
  }
  if (growths.length === 0) return [];
  const bounded = boundedKeys(analysis);
  const seen = new Set<ts.Node>();
  return growths
    .filter((growth) => !bounded.has(growth.storage.key) && ![...bounded].some((key) => growth.storage.key.startsWith(`${key}.`)) && isPlainCollection(analysis, growth.storage))
    .filter((growth) => !seen.has(growth.node) && Boolean(seen.add(growth.node)))
    .map((growth) =>
      findingAt(growth.source, growth.node, RULE, "security", "error", `${growth.hook} grows \`${growth.storage.label}\`, which lives across events, and nothing in the connector bounds it (no size check, eviction or reset): memory grows with traffic until the isolate is killed`, "cap it (check `.length`/`.size` and evict or flush), or keep per-event data in `meta.cache` with a TTL"),
    );
}
