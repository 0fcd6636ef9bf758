import type { Approval, Approvals, RevocationRecord } from "@connectors/registry";
import type { ReviewDigest } from "@connectors/review";

/** `slug@version`. */
export interface ConnectorVersion {
  slug: string;
  version: string;
}

/** A parsed bot command (first line of a comment or review body). */
export type Command =
  | { kind: "approve"; target?: ConnectorVersion; override?: string }
  | { kind: "revoke"; target: ConnectorVersion; reason: string }
  | { kind: "invalid"; message: string };

/** Whether someone counts as a maintainer, and if not, why. */
export interface MaintainerCheck {
  ok: boolean;
  /** Why not (shown in the bot's reply). */
  reason?: string;
}

/** The pull request an approval is given on. */
export interface PullRequestState {
  number: number;
  headSha: string;
  open: boolean;
  merged: boolean;
}

/** Everything {@link decideApproval} needs: read from GitHub and the checkout by the glue. */
export interface ApprovalInput {
  actor: string;
  maintainer: MaintainerCheck;
  command: Extract<Command, { kind: "approve" }>;
  /** How the approval was given. */
  via: "comment" | "review";
  pr: PullRequestState;
  /** The bot's review of the PR (hidden digest line of the sticky comment); undefined when none was posted. */
  review?: ReviewDigest;
  /** `version` of plugins/<slug>/package.json at the PR head, per reviewed slug (undefined: unreadable). */
  versions: Record<string, string | undefined>;
  /** registry/approved.json on the default branch. */
  approvals: Approvals;
  /** ISO time of the approval. */
  now: string;
}

/** Everything {@link decideRevocation} needs. */
export interface RevocationInput {
  actor: string;
  maintainer: MaintainerCheck;
  command: Extract<Command, { kind: "revoke" }>;
  approvals: Approvals;
  now: string;
}

/** What the glue must do. Decisions never touch GitHub or the disk themselves. */
export type Action =
  | { kind: "reply"; body: string }
  /** Acknowledge an approval on the PR; it is recorded in approved.json when the PR merges. */
  | { kind: "accept-approval"; approval: Approval; headSha: string }
  /** Write this (validated) record to registry/approved.json. */
  | { kind: "write-approvals"; approvals: Approvals; summary: string[] };

export type { Approval, Approvals, RevocationRecord };
