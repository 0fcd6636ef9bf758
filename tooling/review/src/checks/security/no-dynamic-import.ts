import { findImports } from "../../ast/find-imports.ts";
import { runtimeSources } from "../../ast/finding-at.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

/** Flags `import(...)` and `require(<non-literal>)`: code the review cannot see before it runs. */
export function checkNoDynamicImport(ctx: ConnectorContext): Finding[] {
  return runtimeSources(ctx.sources).flatMap((source) =>
    findImports(source.ast)
      .filter((ref) => ref.kind === "dynamic" || ref.specifier === undefined)
      .map((ref) => ({
        rule: "security/no-dynamic-import",
        category: "security" as const,
        severity: "error" as const,
        file: source.file,
        line: ref.line,
        message: ref.kind === "dynamic" ? `dynamic \`import(${ref.specifier === undefined ? "…" : JSON.stringify(ref.specifier)})\` loads code at runtime` : "`require()` with a computed module name",
        fix: "use a static `import ... from \"<module>\"` of an allowed module",
      })),
  );
}
