import { errorIssue, getAjv, humanizeAjvErrors, type Issue, type ValidationResult } from "@connectors/plugin-api";
import schema from "../../approved.schema.json" with { type: "json" };
import type { Approvals } from "./approvals-types.ts";

function compile() {
  return getAjv().getSchema(schema.$id) ?? getAjv().compile(schema);
}

function duplicates(list: Array<{ slug: string; version: string }>, pointer: string, what: string): Issue[] {
  const seen = new Map<string, number>();
  const issues: Issue[] = [];
  list.forEach(({ slug, version }, i) => {
    const key = `${slug}@${version}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else issues.push(errorIssue(`/${pointer}/${i}`, `${key} is ${what} twice (also at /${pointer}/${first})`, "keep one entry"));
  });
  return issues;
}

/** How to fix a bad value of each field, for schema issues that carry no fix of their own. */
const FIELD_FIXES: Record<string, string> = {
  slug: "the connector's directory name under plugins/ (lowercase letters, digits, dashes)",
  version: "the exact version in the connector's package.json, e.g. 1.2.0",
  approvedBy: "the GitHub login of the approving maintainer",
  approvedAt: 'an ISO date-time, e.g. "2026-12-01T10:00:00Z"',
  revokedAt: 'an ISO date-time, e.g. "2026-12-01T10:00:00Z"',
  reviewDigest: "record it with `pnpm registry approve <slug>` (sha256:<64 hex digits> of the review report)",
  example: "set it to true for a template connector, or leave it out",
  override: "a sentence saying why the review's errors are acceptable",
  reason: "a sentence saying why the version is withdrawn",
  approved: 'an array of approvals: "approved": [{ "slug": ..., "version": ..., "approvedBy": ..., "approvedAt": ... }]',
  revoked: 'an array of revocations: "revoked": [] when there are none',
};

function withFixes(issues: Issue[]): Issue[] {
  return issues.map((issue) => {
    if (issue.fix) return issue;
    const fix = FIELD_FIXES[issue.path.split("/").filter((part) => !/^\d+$/.test(part)).at(-1) ?? ""];
    return fix ? { ...issue, fix } : { ...issue, fix: 'the file is { "approved": [...], "revoked": [...] } as described in registry/approved.schema.json' };
  });
}

/**
 * Validates an approvals record against approved.schema.json, then checks that no slug@version is
 * approved or revoked twice. Returns every issue, never the first throw.
 *
 * @example
 * validateApprovals({ approved: [], revoked: [] }) // { ok: true, value: {...}, issues: [] }
 */
export function validateApprovals(value: unknown): ValidationResult<Approvals> {
  const validate = compile();
  if (!validate(value)) return { ok: false, issues: withFixes(humanizeAjvErrors(validate.errors)) };
  const approvals = value as Approvals;
  const issues = [...duplicates(approvals.approved, "approved", "approved"), ...duplicates(approvals.revoked, "revoked", "revoked")];
  return issues.length ? { ok: false, issues } : { ok: true, value: approvals, issues };
}
