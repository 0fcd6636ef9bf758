import ts from "typescript";
import { walk } from "../../ast/walk.ts";
import { findingAt, runtimeSources } from "../../ast/finding-at.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

const URL_IN_TEXT = /\b(?:https?|wss?):\/\/([a-zA-Z0-9.-]+)(?::\d+)?/g;

/** True when `host` is covered by an `allowedHosts` entry (`*.example.com` covers subdomains). */
export function isHostAllowed(host: string, allowedHosts: readonly string[]): boolean {
  const name = host.toLowerCase();
  return allowedHosts.some((entry) => {
    const pattern = entry.toLowerCase().replace(/:\d+$/, "");
    return pattern.startsWith("*.") ? name.endsWith(pattern.slice(1)) || name === pattern.slice(2) : name === pattern;
  });
}

/** Text inside an error message or a log call describes a URL; it is not a request. */
function isMessageText(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at && !ts.isBlock(at) && !ts.isSourceFile(at); at = at.parent) {
    if (ts.isThrowStatement(at)) return true;
    if (ts.isNewExpression(at) && ts.isIdentifier(at.expression) && /Error$/.test(at.expression.text)) return true;
    if (ts.isCallExpression(at) && ts.isPropertyAccessExpression(at.expression) && ts.isIdentifier(at.expression.expression) && at.expression.expression.text === "console") return true;
  }
  return false;
}

/**
 * Compares every host written in the connector's code (string and template literals) with
 * plugin.json `allowedHosts`: calling an undeclared host is an error.
 */
export function checkNetworkHosts(ctx: ConnectorContext): Finding[] {
  const allowed = ctx.manifest?.allowedHosts ?? [];
  return runtimeSources(ctx.sources).flatMap((source) => {
    const found: Finding[] = [];
    walk(source.ast, (node) => {
      if (!ts.isStringLiteralLike(node) && !ts.isTemplateHead(node) && !ts.isTemplateMiddle(node) && !ts.isTemplateTail(node)) return;
      if (isMessageText(node) || ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent)) return;
      for (const match of node.text.matchAll(URL_IN_TEXT)) {
        const host = match[1]!;
        if (isHostAllowed(host, allowed)) continue;
        found.push(findingAt(source, node, "security/network-hosts", "security", "error",
          `calls host \`${host}\`, which plugin.json \`allowedHosts\` does not declare`,
          `add "${host}" to "allowedHosts" in plugin.json (the egress allow-list), or take the URL from a config field with "format": "url"`));
      }
    });
    return found;
  });
}
