import { redactSecret } from "../../redact/redact-secret.ts";
import { matchSecretPattern } from "../../redact/secret-patterns.ts";
import type { ConnectorContext, Finding } from "../../types.ts";

/**
 * Flags credentials in any line the PR adds outside the runtime sources (tests, fixtures, README,
 * JSON): the AST rule covers the sources themselves. The secret is shown redacted.
 */
export function checkSecretsInDiff(ctx: ConnectorContext): Finding[] {
  const runtime = new Set(ctx.sources.filter((source) => !source.isTest).map((source) => source.file));
  return ctx.addedLines
    .filter((added) => !runtime.has(added.file))
    .flatMap((added) => {
      const match = matchSecretPattern(added.text);
      if (!match) return [];
      return [{
        rule: "security/secrets-in-diff",
        category: "security" as const,
        severity: "error" as const,
        file: added.file,
        line: added.line,
        message: `the diff adds a ${match.name} (${redactSecret(match.secret)})`,
        fix: "remove it from the branch history (not just the last commit) and revoke it; use a fake value such as \"test-key\" in fixtures",
      }];
    });
}
