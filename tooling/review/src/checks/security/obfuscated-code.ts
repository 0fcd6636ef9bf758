import ts from "typescript";
import { accessPath, walk } from "../../ast/walk.ts";
import { findingAt, runtimeSources } from "../../ast/finding-at.ts";
import type { ConnectorContext, Finding, ParsedSource } from "../../types.ts";

const RULE = "security/obfuscated-code";
const FIX = "commit readable source; bundled or minified code cannot be reviewed";

function lineFindings(source: ParsedSource): Finding[] {
  const lines = source.text.split("\n");
  const found: Finding[] = [];
  lines.forEach((text, index) => {
    const escapes = (text.match(/\\x[0-9a-f]{2}|\\u[0-9a-f]{4}/gi) ?? []).length;
    const hexNames = (text.match(/\b_0x[0-9a-f]{3,}\b/gi) ?? []).length;
    let reason: string | undefined;
    if (text.length > 500 && (text.match(/\s/g) ?? []).length / text.length < 0.05) reason = `a ${text.length}-character line with almost no whitespace (minified)`;
    else if (escapes >= 10) reason = `${escapes} hex/unicode escapes on one line`;
    else if (hexNames >= 3) reason = "`_0x…` identifiers (output of a JavaScript obfuscator)";
    if (reason) found.push({ rule: RULE, category: "security", severity: "error", file: source.file, line: index + 1, message: `obfuscated code: ${reason}`, fix: FIX });
  });
  return found;
}

function isEmbeddedBase64(callee: string | undefined, args: ts.NodeArray<ts.Expression>): boolean {
  const [payload, encoding] = args;
  const isPayload = payload !== undefined && ts.isStringLiteralLike(payload) && payload.text.length >= 40;
  if (callee === "atob") return isPayload;
  return callee === "Buffer.from" && isPayload && encoding !== undefined && ts.isStringLiteralLike(encoding) && encoding.text === "base64";
}

function nodeFindings(source: ParsedSource): Finding[] {
  const found: Finding[] = [];
  walk(source.ast, (node) => {
    if (!ts.isCallExpression(node)) return;
    const callee = accessPath(node.expression);
    if (callee === "String.fromCharCode" && node.arguments.length >= 6) {
      found.push(findingAt(source, node, RULE, "security", "error", `obfuscated code: \`String.fromCharCode\` with ${node.arguments.length} character codes`, FIX));
    } else if (isEmbeddedBase64(callee, node.arguments)) {
      found.push(findingAt(source, node, RULE, "security", "error", "obfuscated code: decodes an embedded base64 string at runtime", FIX));
    }
  });
  return found;
}

/** Flags minified lines, escape-heavy strings, obfuscator identifiers and decoded payloads. */
export function checkObfuscatedCode(ctx: ConnectorContext): Finding[] {
  return runtimeSources(ctx.sources).flatMap((source) => [...lineFindings(source), ...nodeFindings(source)]);
}
