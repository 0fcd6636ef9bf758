/**
 * Every rule the review can report, with the version of its logic. Bump a rule's version when what it
 * finds or says changes (a new evasion class, a fixed false positive): the report digest carries the
 * versions of the rules that fired, so an approval given on an older rule's verdict shows up as stale.
 */
export const RULE_VERSIONS: Readonly<Record<string, number>> = {
  "manifest/schema": 1,
  "manifest/stable-config-keys": 1,
  "manifest/secret-fields": 2,
  "manifest/field-descriptions": 1,
  "manifest/choice-fields": 1,
  "manifest/config-defaults": 1,
  "manifest/capability-change": 1,
  "package/naming": 1,
  "package/required-files": 1,
  "package/readme-sections": 1,
  "package/metadata": 1,
  "package/changeset": 1,
  "package/version-bump": 1,
  "package/deleted-connector": 1,
  "package/renamed-slug": 1,
  "security/unreviewable-file": 2,
  "security/package-files": 1,
  "security/unparsable-source": 1,
  "security/no-eval": 2,
  "security/no-dynamic-import": 1,
  "security/forbidden-modules": 1,
  "security/no-process-access": 2,
  "security/allowed-imports": 1,
  "security/network-hosts": 2,
  "security/hard-coded-credentials": 1,
  "security/secrets-in-diff": 1,
  "security/obfuscated-code": 1,
  "security/prototype-pollution": 1,
  "security/secret-logging": 2,
  "security/unbounded-loops": 1,
  "security/unbounded-allocation": 1,
  "security/new-dependencies": 2,
  "best-practices/request-timeouts": 1,
  "best-practices/retry-error-usage": 1,
  "best-practices/per-event-logging": 1,
  "best-practices/team-id-mutation": 1,
  "best-practices/cloud-process-event-state": 1,
  "best-practices/single-event-hook": 1,
  "best-practices/hook-exports": 1,
  "tests/run": 1,
  "tests/coverage": 1,
  "tests/conformance": 1,
  "performance/budget": 1,
  "review/internal-error": 1,
};

/** The version of a rule's logic; 0 for a rule this table does not know (a test keeps that from happening). */
export function ruleVersion(rule: string): number {
  return RULE_VERSIONS[rule] ?? 0;
}
