/** A maintainer's approval of one connector version. */
export interface Approval {
  slug: string;
  version: string;
  approvedBy: string;
  approvedAt: string;
  /** `sha256:<hex>` of the review report it was approved on (`reviewReportDigest` of `@connectors/review`). */
  reviewDigest?: string;
  /** Why a version with error-level review findings was approved anyway. */
  override?: string;
  /** A template or example connector: published, marked as an example. */
  example?: true;
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
