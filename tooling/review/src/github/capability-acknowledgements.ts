/** One issue comment as the API lists it (the fields the review reads). */
export interface IssueComment {
  id: number;
  body?: string | null;
  user?: { login?: string; type?: string } | null;
  author_association?: string;
}

/** Who may acknowledge a capability change: people GitHub lists as having access to the repository. */
const TRUSTED = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);
const COMMAND = /^\/review\s+acknowledge-capabilities\s+([a-z0-9][a-z0-9-]*)\s+(cap-[0-9a-f]{12})\s*$/gim;

/**
 * The capability-change tokens maintainers acknowledged in PR comments: lines
 * `/review acknowledge-capabilities <slug> <token>` written by a human owner, member or collaborator
 * of the repository. Tokens bind to the exact widening (see `capabilityFingerprint`), so an
 * acknowledgement never covers a later, wider change; comments by anyone else, and by bots, are ignored.
 *
 * @example
 * findCapabilityAcknowledgements(comments) // ["cap-0123456789ab"]
 */
export function findCapabilityAcknowledgements(comments: readonly IssueComment[]): string[] {
  const tokens = new Set<string>();
  for (const comment of comments) {
    if (comment.user?.type !== "User" || !TRUSTED.has(comment.author_association ?? "")) continue;
    for (const match of (comment.body ?? "").matchAll(COMMAND)) tokens.add(match[2]!.toLowerCase());
  }
  return [...tokens];
}
