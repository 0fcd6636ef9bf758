import ts from "typescript";
import { accessPath, walk } from "../../ast/walk.ts";
import { findingAt, runtimeSources } from "../../ast/finding-at.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

/** Flags `process.env` and any other use of the host `process` object (exit, argv, binding, ...). */
export function checkNoProcessAccess(ctx: ConnectorContext): Finding[] {
  return runtimeSources(ctx.sources).flatMap((source) => {
    const found: Finding[] = [];
    walk(source.ast, (node) => {
      if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return;
      const path = accessPath(node);
      const head = path?.replace(/^(globalThis|global)\./, "");
      if (!head?.startsWith("process.")) return;
      const isEnv = head.startsWith("process.env");
      found.push(
        findingAt(source, node, "security/no-process-access", "security", "error",
          isEnv ? `reads \`${head}\`: connectors must not read the host's environment (it holds the server's secrets)` : `uses \`${head}\` from the host process`,
          isEnv ? "declare a config field in plugin.json (with `secret: true` for credentials) and read `meta.config`" : "remove the host `process` access"),
      );
      return false;
    });
    return found;
  });
}
