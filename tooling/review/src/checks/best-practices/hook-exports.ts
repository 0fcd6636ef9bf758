import ts from "typescript";
import { KNOWN_EXPORTS } from "@connectors/plugin-api";
import { findHooks } from "../../ast/find-hooks.ts";
import { lineOf } from "../../ast/walk.ts";
import { runtimeSources } from "../../ast/finding-at.ts";
import type { ConnectorContext, Finding, ParsedSource } from "../../types.ts";

const JUSTIFIED = /review-allow:\s*processEvent\s*\+\s*onEvent/i;

function exportedNames(source: ParsedSource): { name: string; line: number }[] {
  const names: { name: string; line: number }[] = [];
  for (const statement of source.ast.statements) {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name) names.push({ name: statement.name.text, line: lineOf(statement, source.ast) });
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name)) names.push({ name: decl.name.text, line: lineOf(decl, source.ast) });
      }
    }
  }
  return names;
}

/**
 * Flags defining both processEvent and onEvent (PostHog allows one per app) unless a
 * `// review-allow: processEvent+onEvent <why>` comment justifies it, and named exports of the entry
 * file that are not hooks (the loader ignores them).
 */
export function checkHookExports(ctx: ConnectorContext): Finding[] {
  const entry = `${ctx.dir}/${ctx.manifest?.main ?? "index.ts"}`;
  const found: Finding[] = [];
  for (const source of runtimeSources(ctx.sources)) {
    const hooks = new Set(findHooks(source.ast, ["processEvent", "onEvent"]).map((hook) => hook.name));
    if (hooks.size === 2 && !JUSTIFIED.test(source.text)) {
      found.push({ rule: "best-practices/single-event-hook", category: "best-practices", severity: "warning", file: source.file, line: 1, message: "defines both processEvent and onEvent; PostHog allows one of them per app", fix: "split it into a transformation and a destination, or justify it with `// review-allow: processEvent+onEvent <reason>`" });
    }
    if (source.file !== entry) continue;
    for (const { name, line } of exportedNames(source)) {
      if (KNOWN_EXPORTS.includes(name)) continue;
      found.push({ rule: "best-practices/hook-exports", category: "best-practices", severity: "warning", file: source.file, line, message: `exports \`${name}\`, which is not a hook the host calls`, fix: `export only ${KNOWN_EXPORTS.join(", ")}; move helpers to lib/` });
    }
  }
  return found;
}
