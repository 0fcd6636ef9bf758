import { writeFile } from "node:fs/promises";
import { errorIssue, type ValidationResult } from "@connectors/plugin-api";
import { compareSemver, parseSemver } from "@connectors/registry-client";
import type { Approval, Approvals, RevocationRecord } from "./approvals-types.ts";
import { validateApprovals } from "./validate-approvals.ts";

function byRelease(a: { slug: string; version: string }, b: { slug: string; version: string }): number {
  if (a.slug !== b.slug) return a.slug < b.slug ? -1 : 1;
  const [va, vb] = [parseSemver(a.version), parseSemver(b.version)];
  return va && vb ? compareSemver(va, vb) : a.version < b.version ? -1 : 1;
}

const isSame = (a: { slug: string; version: string }) => (b: { slug: string; version: string }) => a.slug === b.slug && a.version === b.version;

/**
 * Records a maintainer's approval of slug@version (the release flow calls it on merge). Returns the
 * new record, sorted, or the issues: an invalid field, or a version already approved.
 *
 * @example
 * const result = addApproval(approvals, { slug: "hello-world", version: "0.2.0", approvedBy: "octocat", approvedAt: new Date().toISOString() });
 * if (result.ok) await writeApprovals("registry/approved.json", result.value);
 */
export function addApproval(approvals: Approvals, approval: Approval): ValidationResult<Approvals> {
  if (approvals.approved.some(isSame(approval))) {
    return { ok: false, issues: [errorIssue("/approved", `${approval.slug}@${approval.version} is already approved`, "nothing to do; approve a new version instead")] };
  }
  return validateApprovals({ ...approvals, approved: [...approvals.approved, approval].sort(byRelease) });
}

/**
 * Records an approval of slug@version, replacing an earlier approval of the same version (a
 * re-approval on a newer review: `registry approve`). Returns the new record, sorted, or the issues
 * of an invalid field.
 */
export function setApproval(approvals: Approvals, approval: Approval): ValidationResult<Approvals> {
  const others = approvals.approved.filter((a) => !isSame(approval)(a));
  return validateApprovals({ ...approvals, approved: [...others, approval].sort(byRelease) });
}

/**
 * Records the revocation of a published (approved) slug@version. Refuses a version that was never
 * approved, or is already revoked, with an issue saying so; nothing is recorded then.
 */
export function addRevocation(approvals: Approvals, revocation: RevocationRecord): ValidationResult<Approvals> {
  const label = `${revocation.slug}@${revocation.version}`;
  if (!approvals.approved.some(isSame(revocation))) {
    const known = approvals.approved.filter((a) => a.slug === revocation.slug).map((a) => a.version);
    return { ok: false, issues: [errorIssue("/revoked", `${label} was never approved, so it cannot be revoked`, known.length ? `approved versions of ${revocation.slug}: ${known.join(", ")}` : `check the slug; ${revocation.slug} has no approved version`)] };
  }
  if (approvals.revoked.some(isSame(revocation))) return { ok: false, issues: [errorIssue("/revoked", `${label} is already revoked`)] };
  return validateApprovals({ ...approvals, revoked: [...approvals.revoked, revocation].sort(byRelease) });
}

const APPROVAL_FIELDS = ["slug", "version", "approvedBy", "approvedAt", "reviewDigest", "override", "example"] as const;
const REVOCATION_FIELDS = ["slug", "version", "reason", "revokedAt", "revokedBy"] as const;

function ordered<T extends object>(record: T, fields: readonly string[]): Record<string, unknown> {
  const source = record as Record<string, unknown>;
  return Object.fromEntries(fields.filter((f) => source[f] !== undefined).map((f) => [f, source[f]]));
}

/**
 * Writes an approvals record in its canonical form: entries sorted by slug then version, fields in
 * reading order (slug, version, who, when), two-space indent, trailing newline, so diffs stay
 * reviewable and two writers never reorder each other's entries.
 */
export async function writeApprovals(file: string, approvals: Approvals): Promise<void> {
  const canonical = {
    $schema: "./approved.schema.json",
    approved: [...approvals.approved].sort(byRelease).map((a) => ordered(a, APPROVAL_FIELDS)),
    revoked: [...approvals.revoked].sort(byRelease).map((r) => ordered(r, REVOCATION_FIELDS)),
  };
  await writeFile(file, `${JSON.stringify(canonical, null, 2)}\n`);
}
