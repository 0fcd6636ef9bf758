import type { Approval, Approvals, RevocationRecord } from "../approvals/approvals-types.ts";
import type { ConnectorPackage } from "./find-connectors.ts";

/** A connector package whose current version a maintainer approved. */
export interface ApprovedConnector extends ConnectorPackage {
  approval: Approval;
  revocation?: RevocationRecord;
}

/** What goes into the catalog, and what stays out with the reason (shown by `registry build`). */
export interface Selection {
  approved: ApprovedConnector[];
  /** Notes such as "plugins/x is at 1.1.0; approved.json approves 1.0.0 only: not published". */
  notes: string[];
}

/**
 * Keeps the connectors whose package version is approved: a merged but unapproved connector or
 * version never reaches the catalog. Revoked versions stay in the catalog, marked.
 */
export function selectApproved(connectors: ConnectorPackage[], approvals: Approvals): Selection {
  const approved: ApprovedConnector[] = [];
  const notes: string[] = [];
  const known = new Set(connectors.map((c) => c.slug));
  for (const c of connectors) {
    const approval = approvals.approved.find((a) => a.slug === c.slug && a.version === c.version);
    if (!approval) {
      const others = approvals.approved.filter((a) => a.slug === c.slug).map((a) => a.version);
      notes.push(`${c.slug}@${c.version} is not approved${others.length ? ` (approved: ${others.join(", ")})` : ""}: not published`);
      continue;
    }
    const revocation = approvals.revoked.find((r) => r.slug === c.slug && r.version === c.version);
    approved.push(revocation ? { ...c, approval, revocation } : { ...c, approval });
  }
  for (const slug of new Set(approvals.approved.map((a) => a.slug))) {
    if (!known.has(slug)) notes.push(`approved.json approves ${slug}, which is not under plugins/: ignored`);
  }
  return { approved, notes };
}
