import { addRevocation } from "@connectors/registry";
import type { Action, RevocationInput } from "./types.ts";

/**
 * Decides what a `/revoke slug@version reason` does. Pure. A maintainer's revocation of a published
 * (approved) version becomes a `write-approvals` action (registry/approved.json, carried by the next
 * registry publish); a non-maintainer, a version never published, or one already revoked gets a reply
 * and nothing is recorded.
 */
export function decideRevocation(input: RevocationInput): Action[] {
  const { actor, command } = input;
  const label = `${command.target.slug}@${command.target.version}`;
  if (!input.maintainer.ok) return [{ kind: "reply", body: `@${actor} only maintainers can revoke connectors: ${input.maintainer.reason ?? "you are not one"}.\n\nNothing was recorded.` }];
  const result = addRevocation(input.approvals, { ...command.target, reason: command.reason, revokedAt: input.now, revokedBy: actor });
  if (!result.ok) {
    const issue = result.issues[0]!;
    const message = /never approved/.test(issue.message) ? `\`${label}\` was never published, so it cannot be revoked` : issue.message;
    return [{ kind: "reply", body: `@${actor} ${message}${issue.fix ? ` (${issue.fix})` : ""}.\n\nNothing was recorded.` }];
  }
  return [
    { kind: "write-approvals", approvals: result.value!, summary: [`revoke ${label}: ${command.reason} (by ${actor})`] },
    { kind: "reply", body: `🚫 @${actor} revoked \`${label}\`: ${command.reason}\n\nRecorded in \`registry/approved.json\`; the next registry publish marks it revoked and clients refuse to install it.` },
  ];
}
