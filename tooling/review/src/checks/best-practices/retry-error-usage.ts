import ts from "typescript";
import { findHooks } from "../../ast/find-hooks.ts";
import { walk } from "../../ast/walk.ts";
import { findingAt, runtimeSources } from "../../ast/finding-at.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

const RULE = "best-practices/retry-error-usage";

function isRetryError(node: ts.Node): node is ts.NewExpression {
  return ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "RetryError";
}

/** A client error (4xx except 408/429) that retrying cannot fix, found in an enclosing `if` condition. */
function permanentStatusGuard(node: ts.Node): string | undefined {
  for (let at = node.parent; at && !ts.isFunctionLike(at); at = at.parent) {
    if (!ts.isIfStatement(at)) continue;
    const text = at.expression.getText();
    const status = /(?:===?|>=?)\s*(4\d\d)\b/.exec(text)?.[1];
    if (status && status !== "408" && status !== "429") return status;
  }
  return undefined;
}

/**
 * RetryError is for transient failures: flags it for permanent client errors (4xx), and in hooks
 * that are never retried (processEvent, onEvent, composeWebhook).
 */
export function checkRetryErrorUsage(ctx: ConnectorContext): Finding[] {
  return runtimeSources(ctx.sources).flatMap((source) => {
    const found: Finding[] = [];
    walk(source.ast, (node) => {
      if (!isRetryError(node)) return;
      const status = permanentStatusGuard(node);
      if (status) found.push(findingAt(source, node, RULE, "best-practices", "warning", `RetryError thrown for HTTP ${status}: a client error fails the same way every retry`, "throw a plain Error for 4xx responses (except 408 and 429) and RetryError only for network errors, 429 and 5xx"));
    });
    for (const hook of findHooks(source.ast, ["processEvent", "onEvent", "composeWebhook"])) {
      walk(hook.node, (node) => {
        if (isRetryError(node)) found.push(findingAt(source, node, RULE, "best-practices", "warning", `RetryError in ${hook.name} is never retried (single attempt)`, "move delivery to exportEvents (retried with backoff) or a job, or throw a plain Error"));
      });
    }
    return found;
  });
}
