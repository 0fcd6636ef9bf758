import ts from "typescript";
import { findHooks, PER_EVENT_HOOKS } from "../../ast/find-hooks.ts";
import { accessPath, walk } from "../../ast/walk.ts";
import { findingAt, runtimeSources } from "../../ast/finding-at.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

const LOG = /^(console|meta\.logger|logger)\.(log|info|warn|debug|trace)$/;

function isGuarded(node: ts.Node, hook: ts.Node): boolean {
  for (let at = node.parent; at && at !== hook; at = at.parent) {
    if (ts.isCatchClause(at) || ts.isIfStatement(at) || ts.isConditionalExpression(at)) return true;
  }
  return false;
}

/**
 * Flags unconditional log lines in per-event hooks: one line per event floods the plugin log
 * ("Do not log a line for every event in PostHog cloud"). Logs inside `catch` or an `if` pass.
 */
export function checkPerEventLogging(ctx: ConnectorContext): Finding[] {
  return runtimeSources(ctx.sources).flatMap((source) =>
    findHooks(source.ast, PER_EVENT_HOOKS).flatMap((hook) => {
      const found: Finding[] = [];
      walk(hook.node, (node) => {
        if (!ts.isCallExpression(node) || !LOG.test(accessPath(node.expression) ?? "") || isGuarded(node, hook.node)) return;
        found.push(findingAt(source, node, "best-practices/per-event-logging", "best-practices", "warning", `${hook.name} logs on every event`, "log only errors or state changes (inside a catch or an if), or count with metrics"));
      });
      return found;
    }),
  );
}
