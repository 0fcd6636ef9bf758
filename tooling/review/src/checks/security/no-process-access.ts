import ts from "typescript";
import { findingAt } from "../../ast/finding-at.ts";
import type { ConnectorAnalysis } from "../../analysis/connector-analysis.ts";
import { alternatives } from "../../analysis/value.ts";
import { analyzeConnector } from "../../analysis/connector-analysis.ts";
import { findReachedIntrinsics } from "../../analysis/find-reached-intrinsics.ts";
import { isHostAccess, UNKNOWN_GLOBAL } from "../../analysis/intrinsics.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

const RULE = "security/no-process-access";

function message(name: string, text: string): { message: string; fix: string } {
  if (name.startsWith("process.env")) return { message: `reads \`${name}\`${text !== name ? ` (via \`${text}\`)` : ""}: connectors must not read the host's environment (it holds the server's secrets)`, fix: "declare a config field in plugin.json (with `secret: true` for credentials) and read `meta.config`" };
  if (name === UNKNOWN_GLOBAL) return { message: `\`${text}\` reads a global by a name the review cannot determine (it can be \`process\`, \`require\` or \`eval\`)`, fix: "name the global you need directly" };
  if (name === "require" || name.startsWith("require.") || name.startsWith("module.")) return { message: `\`${text}\` reaches the module loader \`${name}\` outside a static import`, fix: "use a static `import ... from \"<module>\"` of an allowed module" };
  return { message: `uses \`${name}\`${text !== name ? ` (via \`${text}\`)` : ""} from the host process`, fix: "remove the host `process` access" };
}

/** The longest access chain that still reads the host (`process.env.SECRET` rather than `process`). */
function widest(analysis: ConnectorAnalysis, node: ts.Node): { node: ts.Node; name: string } | undefined {
  let best: { node: ts.Node; name: string } | undefined;
  for (let at: ts.Node = node; ; at = at.parent) {
    const value = alternatives(analysis.values.evaluate(at)).find((option) => option.kind === "intrinsic" && isHostAccess(option.name));
    if (!value || value.kind !== "intrinsic") return best;
    best = { node: at, name: value.name };
    const parent = at.parent;
    if (!parent || !((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === at)) return best;
  }
}

/**
 * Flags host access by value: `process` (and `process.env`), the module loader (`require` used as a
 * value, `module.require`), other runtimes' globals, and computed reads of the global object, however
 * the global is reached (`globalThis["pro" + "cess"]`, aliases of `globalThis` / `global` / `self` /
 * top-level `this`, `Reflect.get`, destructuring, helper functions).
 */
export function checkNoProcessAccess(ctx: ConnectorContext): Finding[] {
  const analysis = analyzeConnector(ctx);
  return findReachedIntrinsics(analysis).filter(({ name }) => isHostAccess(name)).map(({ source, node: reached, name: first }) => {
    const { node, name } = (ts.isBindingElement(reached) ? undefined : widest(analysis, reached)) ?? { node: reached, name: first };
    const text = node.getText(source.ast).replace(/\s+/g, " ").slice(0, 80);
    const { message: what, fix } = message(name, text);
    return findingAt(source, node, RULE, "security", "error", what, fix);
  });
}
