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

/**
 * Validates an approvals record against approved.schema.json, then checks that no slug@version is
 * approved or revoked twice. Returns every issue, never the first throw.
 *
 * @example
 * validateApprovals({ approved: [], revoked: [] }) // { ok: true, value: {...}, issues: [] }
 */
export function validateApprovals(value: unknown): ValidationResult<Approvals> {
  const validate = compile();
  if (!validate(value)) return { ok: false, issues: humanizeAjvErrors(validate.errors) };
  const approvals = value as Approvals;
  const issues = [...duplicates(approvals.approved, "approved", "approved"), ...duplicates(approvals.revoked, "revoked", "revoked")];
  return issues.length ? { ok: false, issues } : { ok: true, value: approvals, issues };
}
