import type { Approval } from "@connectors/registry";
import { COMMAND_USAGE } from "./parse-command.ts";
import type { Action, ApprovalInput } from "./types.ts";

const short = (sha: string) => `\`${sha.slice(0, 7)}\``;
const refuse = (actor: string, text: string): Action[] => [{ kind: "reply", body: `@${actor} ${text}\n\nNothing was recorded.` }];

/**
 * Decides what a maintainer's `/approve` (or PR review approval) does. Pure: state in, actions out.
 * Accepted approvals are acknowledged on the PR and recorded in registry/approved.json when it merges.
 * Refused: a non-maintainer, a closed PR, no review yet or a review of an older commit, an unknown
 * slug or version, an already approved version, and error-level findings without `--override`.
 */
export function decideApproval(input: ApprovalInput): Action[] {
  const { actor, command, pr, review } = input;
  if (!input.maintainer.ok) return refuse(actor, `only maintainers can approve connectors: ${input.maintainer.reason ?? "you are not one"}.`);
  if (!pr.open || pr.merged) return refuse(actor, `pull request #${pr.number} is ${pr.merged ? "merged" : "closed"}; approve the version on an open pull request.`);
  if (!review) return refuse(actor, "this pull request has no connector review yet. Wait for the review bot's comment, then approve.");
  if (review.head !== pr.headSha) return refuse(actor, `the review is for ${short(review.head)}, but the pull request is now at ${short(pr.headSha)}. Wait for the review of the latest push, then approve again.`);
  const candidates = review.connectors.filter((c) => c.status !== "deleted");
  let slug: string;
  if (command.target) {
    slug = command.target.slug;
    const reviewed = review.connectors.find((c) => c.slug === slug);
    if (!reviewed) return refuse(actor, `\`${slug}\` is not a connector this pull request changes (reviewed: ${review.connectors.map((c) => `\`${c.slug}\``).join(", ") || "none"}).`);
    if (reviewed.status === "deleted") return refuse(actor, `this pull request deletes \`${slug}\`; there is no version to approve.`);
  } else {
    if (candidates.length !== 1) {
      return refuse(actor, candidates.length ? `this pull request changes ${candidates.length} connectors (${candidates.map((c) => `\`${c.slug}\``).join(", ")}); name one: \`/approve <slug>@<version>\`.` : "this pull request changes no connector, so there is nothing to approve.");
    }
    slug = candidates[0]!.slug;
  }
  const version = input.versions[slug];
  if (!version) return refuse(actor, `plugins/${slug}/package.json at ${short(pr.headSha)} has no readable version.`);
  if (command.target && command.target.version !== version) {
    return refuse(actor, `\`${slug}@${command.target.version}\` is not the version under review: plugins/${slug}/package.json at ${short(pr.headSha)} says \`${version}\`.`);
  }
  const existing = input.approvals.approved.find((a) => a.slug === slug && a.version === version);
  if (existing) return refuse(actor, `\`${slug}@${version}\` is already approved (by @${existing.approvedBy} at ${existing.approvedAt}); bump the version for a new release.`);
  const { errors, reportDigest } = review.connectors.find((c) => c.slug === slug)!;
  if (errors > 0 && !command.override) {
    return refuse(actor, `the review of \`${slug}\` has ${errors} error-level finding(s). Fix them, or approve anyway with a recorded reason: \`/approve ${slug}@${version} --override "<why this is acceptable>"\`.`);
  }
  const approval: Approval = { slug, version, approvedBy: actor, approvedAt: input.now, reviewDigest: reportDigest, ...(errors > 0 ? { override: command.override! } : {}) };
  const override = approval.override ? `\n\n⚠️ Approved **over ${errors} error-level finding(s)**; the override is recorded: “${approval.override}”.` : "";
  return [
    { kind: "accept-approval", approval, headSha: pr.headSha },
    {
      kind: "reply",
      body: `✅ @${actor} approved \`${slug}@${version}\` (${input.via === "review" ? "review approval" : "`/approve`"}) on ${short(pr.headSha)}, review of \`${slug}\` \`${reportDigest.slice(0, 19)}…\`.${override}\n\nIt is recorded in \`registry/approved.json\` when this pull request merges at this commit; a new push needs a new approval.`,
    },
  ];
}

/** The reply to a malformed command. */
export function decideInvalidCommand(actor: string, message: string): Action[] {
  return refuse(actor, `${message}.\n\nCommands: ${COMMAND_USAGE}`);
}
