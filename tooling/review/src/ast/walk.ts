import ts from "typescript";

/**
 * Visits every node below `root` depth-first; return `false` from `visit` to skip a node's children.
 *
 * @example
 * walk(sourceFile, (node) => { if (ts.isCallExpression(node)) calls.push(node); });
 */
export function walk(root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  const step = (node: ts.Node): void => {
    if (visit(node) === false) return;
    ts.forEachChild(node, step);
  };
  ts.forEachChild(root, step);
}

/** The 1-based line a node starts on. */
export function lineOf(node: ts.Node, sourceFile: ts.SourceFile = node.getSourceFile()): number {
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

/** Every node of `root` matching `predicate`. */
export function findNodes<T extends ts.Node>(root: ts.Node, predicate: (node: ts.Node) => node is T): T[] {
  const found: T[] = [];
  walk(root, (node) => {
    if (predicate(node)) found.push(node);
  });
  return found;
}

/** `a.b.c` as text for an identifier / property-access chain, else undefined. */
export function accessPath(node: ts.Node): string | undefined {
  if (ts.isIdentifier(node)) return node.text;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return "this";
  if (ts.isPropertyAccessExpression(node)) {
    const left = accessPath(node.expression);
    return left === undefined ? undefined : `${left}.${node.name.text}`;
  }
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    const left = accessPath(node.expression);
    return left === undefined ? undefined : `${left}.${node.argumentExpression.text}`;
  }
  if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node)) return accessPath(node.expression);
  return undefined;
}
