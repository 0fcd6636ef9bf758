/** A maintainer's approval of one connector version. */
export interface Approval {
  slug: string;
  version: string;
  approvedBy: string;
  approvedAt: string;
  reviewDigest?: string;
  override?: string;
}

/** A withdrawn connector version. */
export interface RevocationRecord {
  slug: string;
  version: string;
  reason: string;
  revokedAt: string;
  revokedBy?: string;
}

/** registry/approved.json. */
export interface Approvals {
  approved: Approval[];
  revoked: RevocationRecord[];
}
