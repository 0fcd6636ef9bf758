import ts from "typescript";
import { lineOf, walk } from "./walk.ts";

/** One module reference in a source: `import`, `export ... from`, `require("x")` or `import("x")`. */
export interface ImportReference {
  /** The module specifier; undefined when it is not a string literal (a computed import). */
  specifier: string | undefined;
  kind: "static" | "require" | "dynamic";
  /** `import type` / `export type`: erased at runtime. */
  typeOnly: boolean;
  line: number;
}

/** Every module reference in a source file, in source order. */
export function findImports(sourceFile: ts.SourceFile): ImportReference[] {
  const found: ImportReference[] = [];
  walk(sourceFile, (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(node) ? Boolean(node.importClause?.isTypeOnly) : node.isTypeOnly;
      found.push({ specifier: node.moduleSpecifier.text, kind: "static", typeOnly, line: lineOf(node, sourceFile) });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expr = node.moduleReference.expression;
      found.push({ specifier: ts.isStringLiteralLike(expr) ? expr.text : undefined, kind: "require", typeOnly: node.isTypeOnly, line: lineOf(node, sourceFile) });
    } else if (ts.isCallExpression(node)) {
      const arg = node.arguments[0];
      const specifier = arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        found.push({ specifier, kind: "dynamic", typeOnly: false, line: lineOf(node, sourceFile) });
      } else if (ts.isIdentifier(node.expression) && node.expression.text === "require") {
        found.push({ specifier, kind: "require", typeOnly: false, line: lineOf(node, sourceFile) });
      }
    } else if (ts.isImportTypeNode(node)) {
      return false;
    }
    return undefined;
  });
  return found;
}

/** The package a bare specifier names (`@scope/pkg/sub` -> `@scope/pkg`, `node:fs` -> `fs`). */
export function packageName(specifier: string): string {
  const bare = specifier.startsWith("node:") ? specifier.slice(5) : specifier;
  const parts = bare.split("/");
  return bare.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** True for `./x`, `../x` and absolute paths. */
export function isRelativeSpecifier(specifier: string): boolean {
  return specifier.startsWith(".") || specifier.startsWith("/");
}
