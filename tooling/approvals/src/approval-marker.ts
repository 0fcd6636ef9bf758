import type { Approval } from "@connectors/registry";

/** An approval the bot acknowledged on a pull request, hidden in its reply. */
export interface AcceptedApproval {
  approval: Approval;
  /** The PR head the approval was given on; it only counts if the PR merges at this commit. */
  headSha: string;
}

const MARKER = /<!-- connector-approval:([A-Za-z0-9+/=]*) -->/g;

/** The hidden line the bot adds to an approval acknowledgement. */
export function renderApprovalMarker(accepted: AcceptedApproval): string {
  return `<!-- connector-approval:${Buffer.from(JSON.stringify(accepted)).toString("base64")} -->`;
}

/** Reads the acknowledged approvals from a comment body (trust only comments the bot wrote). */
export function parseApprovalMarkers(body: string | null | undefined): AcceptedApproval[] {
  return [...(body ?? "").matchAll(MARKER)].flatMap((m) => {
    try {
      const value = JSON.parse(Buffer.from(m[1]!, "base64").toString("utf8")) as AcceptedApproval;
      return typeof value.headSha === "string" && typeof value.approval?.slug === "string" && typeof value.approval.version === "string" ? [value] : [];
    } catch {
      return [];
    }
  });
}
