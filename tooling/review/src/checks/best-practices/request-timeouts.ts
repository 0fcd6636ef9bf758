import ts from "typescript";
import { accessPath, walk } from "../../ast/walk.ts";
import { findingAt, runtimeSources } from "../../ast/finding-at.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

const FETCH_CALLEES = new Set(["fetch", "meta.fetch", "globalThis.fetch", "nodeFetch"]);

/** Flags `fetch(url)` calls whose options have no `signal` (e.g. `AbortSignal.timeout(10_000)`) or `timeout`. */
export function checkRequestTimeouts(ctx: ConnectorContext): Finding[] {
  return runtimeSources(ctx.sources).flatMap((source) => {
    const found: Finding[] = [];
    walk(source.ast, (node) => {
      if (!ts.isCallExpression(node) || !FETCH_CALLEES.has(accessPath(node.expression) ?? "")) return;
      const options = node.arguments[1];
      if (options && !ts.isObjectLiteralExpression(options)) return;
      const hasTimeout = options?.properties.some((p) => p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && ["signal", "timeout"].includes(p.name.text)) ?? false;
      const spreads = options?.properties.some((p) => ts.isSpreadAssignment(p)) ?? false;
      if (!hasTimeout && !spreads) {
        found.push(findingAt(source, node, "best-practices/request-timeouts", "best-practices", "warning", "outgoing request without a timeout: a slow server holds the pipeline for 30 s per event", "pass `signal: AbortSignal.timeout(10_000)` in the fetch options"));
      }
    });
    return found;
  });
}
