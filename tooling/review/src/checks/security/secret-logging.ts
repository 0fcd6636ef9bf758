import ts from "typescript";
import { configFields } from "@connectors/plugin-api";
import { accessPath, walk } from "../../ast/walk.ts";
import { findingAt, runtimeSources } from "../../ast/finding-at.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

const LOG_CALL = /^(console|logger|meta\.logger)\.(log|info|warn|error|debug|trace)$/;
/** Calls that print their argument as it is: a config object passed to them is logged. */
const SERIALIZERS = /^(JSON\.stringify|String|Object\.(entries|values|assign)|util\.inspect|inspect|structuredClone)$|\.(toString|concat|join)$/;

/** Names of secret config keys (secret: true, or secret-looking names). */
function secretKeys(ctx: ConnectorContext): Set<string> {
  const fields = ctx.manifest ? configFields(ctx.manifest) : [];
  return new Set(fields.filter((field) => field.secret || /(password|secret|token|api_?key|private_?key)/i.test(field.key)).map((field) => field.key));
}

/**
 * Flags log calls whose arguments reach a secret config value (`config.apiKey`, `meta.config.apiKey`)
 * or the whole config object while it holds secrets: directly, in templates, concatenations, object
 * or array literals, or through a serializer (`JSON.stringify`, `String`, `util.inspect`). A config
 * passed to some other function is not logged by that (`table(config)` logs what `table` returns).
 */
export function checkSecretLogging(ctx: ConnectorContext): Finding[] {
  const secrets = secretKeys(ctx);
  if (secrets.size === 0) return [];
  return runtimeSources(ctx.sources).flatMap((source) => {
    const found: Finding[] = [];
    walk(source.ast, (node) => {
      if (!ts.isCallExpression(node) || !LOG_CALL.test(accessPath(node.expression) ?? "")) return;
      const leaks = new Set<string>();
      const inspect = (inner: ts.Node): boolean | void => {
        if (ts.isFunctionLike(inner)) return false;
        if (ts.isCallExpression(inner) && !SERIALIZERS.test(accessPath(inner.expression) ?? "")) return false;
        const path = accessPath(inner);
        if (!path) return undefined;
        const match = /(?:^|\.)config(?:\.([A-Za-z0-9_$]+))?$/.exec(path);
        if (!match) return undefined;
        if (match[1] === undefined) leaks.add("the whole config");
        else if (secrets.has(match[1])) leaks.add(`secret \`${match[1]}\``);
        return false;
      };
      for (const arg of node.arguments) {
        if (inspect(arg) !== false) walk(arg, inspect);
      }
      for (const leak of leaks) {
        found.push(findingAt(source, node, "security/secret-logging", "security", "error", `logs ${leak}; logs are visible to every project member`, "log a fixed message or a redacted value, never config secrets"));
      }
      return false;
    });
    return found;
  });
}
