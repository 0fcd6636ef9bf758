import ts from "typescript";
import type { ParsedSource } from "../types.ts";

const TEST_FILE = /(\.test\.[cm]?[jt]sx?$)|(\.spec\.[cm]?[jt]sx?$)|(^|\/)(__tests__|test|tests|fixtures)\/|(^|\/)[\w-]+\.config\.[cm]?[jt]s$/;

/** True for files that never ship in the bundle: tests, `fixtures/`, and tool configs (`vitest.config.ts`). */
export function isTestFile(file: string): boolean {
  return TEST_FILE.test(file);
}

function scriptKind(file: string): ts.ScriptKind {
  if (/\.tsx$/.test(file)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(file)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/**
 * The parser's own diagnostics (what the parse already found, free) when this TypeScript exposes them
 * on the source file; otherwise a syntax-only transpile, which costs ~15x the parse.
 */
function syntaxDiagnostics(ast: ts.SourceFile, file: string, text: string): readonly ts.Diagnostic[] {
  const parsed = (ast as ts.SourceFile & { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  if (Array.isArray(parsed)) return parsed;
  return ts.transpileModule(text, { fileName: file, reportDiagnostics: true, compilerOptions: { allowJs: true } }).diagnostics ?? [];
}

/**
 * Parses a connector source with the TypeScript compiler API and collects its syntax errors. Never
 * executes or type-checks the code.
 *
 * @example
 * const source = parseSource("plugins/x/index.ts", text);
 * if (source.syntaxErrors.length) ...
 */
export function parseSource(file: string, text: string): ParsedSource {
  const ast = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
  const diagnostics = syntaxDiagnostics(ast, file, text);
  const syntaxErrors = diagnostics
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => ({
      line: d.start === undefined ? 1 : ast.getLineAndCharacterOfPosition(d.start).line + 1,
      message: ts.flattenDiagnosticMessageText(d.messageText, " "),
    }));
  return { file, text, ast, syntaxErrors, isTest: isTestFile(file) };
}
