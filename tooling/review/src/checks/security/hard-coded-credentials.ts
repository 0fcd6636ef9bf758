import ts from "typescript";
import { walk } from "../../ast/walk.ts";
import { findingAt, runtimeSources } from "../../ast/finding-at.ts";
import { redactSecret } from "../../redact/redact-secret.ts";
import { isHighEntropySecret, matchSecretPattern } from "../../redact/secret-patterns.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

const RULE = "security/hard-coded-credentials";
const FIX = "move the credential to a plugin.json config field with `secret: true`, read it from `meta.config`, and revoke the leaked one";
const SECRET_NAME = /(pass(word|wd)?|secret|token|api_?key|apikey|access_?key|private_?key|credential|auth)$/i;
const PLACEHOLDER = /^(x+|\*+|<.*>|your[-_ ].*|changeme|example|test|dummy|placeholder|redacted|secret|password|token)$/i;

/** The variable or property a literal is assigned to, if any. */
function assignedName(node: ts.Node): string | undefined {
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === node) {
    return ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name) ? parent.name.text : undefined;
  }
  if (ts.isBinaryExpression(parent) && parent.right === node && ts.isPropertyAccessExpression(parent.left)) return parent.left.name.text;
  return undefined;
}

/** What is wrong with a literal, or undefined when it looks harmless. */
export function describeCredential(value: string, name?: string): string | undefined {
  const known = matchSecretPattern(value);
  if (known) return `a ${known.name} (${redactSecret(known.secret)})`;
  if (name && SECRET_NAME.test(name) && value.length >= 8 && !/\s/.test(value) && !PLACEHOLDER.test(value)) return `a credential in \`${name}\` (${redactSecret(value)})`;
  if (isHighEntropySecret(value)) return `a high-entropy string that looks like a key (${redactSecret(value)})`;
  return undefined;
}

/** Flags credentials written in code: known key formats, secret-named literals, high-entropy strings. */
export function checkHardCodedCredentials(ctx: ConnectorContext): Finding[] {
  return runtimeSources(ctx.sources).flatMap((source) => {
    const found: Finding[] = [];
    walk(source.ast, (node) => {
      if (!ts.isStringLiteralLike(node)) return;
      if (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent)) return;
      const what = describeCredential(node.text, assignedName(node));
      if (what) found.push(findingAt(source, node, RULE, "security", "error", `hard-coded credential: ${what}`, FIX));
    });
    return found;
  });
}
