import { describe, expect, it } from "vitest";
import type { ReviewDigest } from "@connectors/review";
import { decideApproval } from "./decide-approval.ts";
import { decideMerge } from "./decide-merge.ts";
import { decideRevocation } from "./decide-revocation.ts";
import type { Action, ApprovalInput } from "./types.ts";

const HEAD = "b".repeat(40);
const NOW = "2026-11-24T17:00:00Z";
const ACME_REPORT = `sha256:${"a".repeat(64)}`;
const review: ReviewDigest = { digest: `sha256:${"c".repeat(64)}`, head: HEAD, connectors: [{ slug: "acme", status: "added", errors: 0, reportDigest: ACME_REPORT }] };
const base: ApprovalInput = {
  actor: "alice",
  maintainer: { ok: true },
  command: { kind: "approve" },
  via: "comment",
  pr: { number: 7, headSha: HEAD, open: true, merged: false },
  review,
  versions: { acme: "1.2.0" },
  approvals: { approved: [{ slug: "acme", version: "1.1.0", approvedBy: "bob", approvedAt: NOW }], revoked: [] },
  now: NOW,
};
const replyOf = (actions: Action[]) => actions.find((a) => a.kind === "reply")?.body ?? "";
const accepted = (actions: Action[]) => actions.find((a) => a.kind === "accept-approval");

describe("decideApproval", () => {
  it("accepts a maintainer's /approve of the one reviewed connector, with the digest of that connector's report", () => {
    const actions = decideApproval(base);
    expect(accepted(actions)).toEqual({ kind: "accept-approval", headSha: HEAD, approval: { slug: "acme", version: "1.2.0", approvedBy: "alice", approvedAt: NOW, reviewDigest: ACME_REPORT } });
    expect(replyOf(actions)).toMatch(/✅ @alice approved `acme@1.2.0`/);
  });

  it.each<[string, Partial<ApprovalInput>, RegExp]>([
    ["a non-maintainer", { maintainer: { ok: false, reason: "maintainers are the owners of registry/approved.json" } }, /only maintainers can approve.*owners of registry\/approved.json/],
    ["a merged PR", { pr: { ...base.pr, open: false, merged: true } }, /is merged/],
    ["no review yet", { review: undefined }, /no connector review yet/],
    ["a review of an older commit", { review: { ...review, head: "d".repeat(40) } }, /review is for `ddddddd`/],
    ["an unknown slug", { command: { kind: "approve", target: { slug: "other", version: "1.0.0" } } }, /`other` is not a connector this pull request changes/],
    ["an unknown version", { command: { kind: "approve", target: { slug: "acme", version: "9.9.9" } } }, /`acme@9.9.9` is not the version under review.*says `1.2.0`/],
    ["an already approved version", { versions: { acme: "1.1.0" } }, /already approved \(by @bob/],
    ["a failed review without override", { review: { ...review, connectors: [{ slug: "acme", status: "added", errors: 2, reportDigest: ACME_REPORT }] } }, /2 error-level finding\(s\).*--override/],
    ["several connectors without a target", { review: { ...review, connectors: [...review.connectors, { slug: "beta", status: "modified", errors: 0, reportDigest: `sha256:${"b".repeat(64)}` }] } }, /changes 2 connectors.*name one/],
    ["a deleted connector", { review: { ...review, connectors: [{ slug: "acme", status: "deleted", errors: 0, reportDigest: ACME_REPORT }] }, command: { kind: "approve", target: { slug: "acme", version: "1.2.0" } } }, /deletes `acme`/],
  ])("refuses %s with a clear reply and records nothing", (_name, change, reply) => {
    const actions = decideApproval({ ...base, ...change });
    expect(accepted(actions)).toBeUndefined();
    expect(actions).toHaveLength(1);
    expect(replyOf(actions)).toMatch(reply);
    expect(replyOf(actions)).toMatch(/Nothing was recorded/);
  });

  it("records an explicit override for a failed review", () => {
    const actions = decideApproval({ ...base, review: { ...review, connectors: [{ slug: "acme", status: "added", errors: 1, reportDigest: ACME_REPORT }] }, command: { kind: "approve", target: { slug: "acme", version: "1.2.0" }, override: "false positive: test key" } });
    expect(accepted(actions)).toMatchObject({ approval: { override: "false positive: test key" } });
    expect(replyOf(actions)).toMatch(/over 1 error-level finding/);
  });
});

describe("decideRevocation", () => {
  const approvals = base.approvals;
  it("revokes a published version, by a maintainer", () => {
    const actions = decideRevocation({ actor: "alice", maintainer: { ok: true }, command: { kind: "revoke", target: { slug: "acme", version: "1.1.0" }, reason: "leaks the key" }, approvals, now: NOW });
    expect(actions[0]).toMatchObject({ kind: "write-approvals", approvals: { revoked: [{ slug: "acme", version: "1.1.0", reason: "leaks the key", revokedAt: NOW, revokedBy: "alice" }] } });
  });
  it.each([
    ["a version never published", { slug: "acme", version: "2.0.0" }, { ok: true }, /`acme@2.0.0` was never published.*approved versions of acme: 1.1.0/],
    ["a non-maintainer", { slug: "acme", version: "1.1.0" }, { ok: false }, /only maintainers can revoke/],
  ])("refuses %s", (_name, target, maintainer, reply) => {
    const actions = decideRevocation({ actor: "mallory", maintainer, command: { kind: "revoke", target, reason: "x" }, approvals, now: NOW });
    expect(actions.map((a) => a.kind)).toEqual(["reply"]);
    expect(replyOf(actions)).toMatch(reply);
  });
});

describe("decideMerge", () => {
  const approval = { slug: "acme", version: "1.2.0", approvedBy: "alice", approvedAt: NOW, reviewDigest: ACME_REPORT };
  const input = { pr: { number: 7, headSha: HEAD, merged: true }, accepted: [{ approval, headSha: HEAD }], review, maintainers: { alice: { ok: true } }, approvals: base.approvals };
  it("records an approval given on the merged head and review", () => {
    const [write, reply] = decideMerge(input);
    expect(write).toMatchObject({ kind: "write-approvals" });
    expect(write?.kind === "write-approvals" && write.approvals.approved.map((a) => `${a.slug}@${a.version}`)).toEqual(["acme@1.1.0", "acme@1.2.0"]);
    expect(replyOf([reply!])).toMatch(/Recorded.*\n- `acme@1.2.0` by @alice/);
  });
  it.each([
    ["given on an older push", { accepted: [{ approval, headSha: "e".repeat(40) }] }, /given on `eeeeeee`/],
    ["for another review of the connector", { review: { ...review, connectors: [{ ...review.connectors[0]!, reportDigest: `sha256:${"f".repeat(64)}` }] } }, /another review/],
    ["when the merged review does not cover the connector", { review: { ...review, connectors: [] } }, /another review/],
    ["when the merged head has no review", { review: undefined }, /another review/],
    ["by someone no longer a maintainer", { maintainers: { alice: { ok: false } } }, /no longer a maintainer/],
  ])("does not record an approval %s", (_name, change, reason) => {
    const actions = decideMerge({ ...input, ...change });
    expect(actions.map((a) => a.kind)).toEqual(["reply"]);
    expect(replyOf(actions)).toMatch(reason);
  });
  it("does nothing for an unmerged PR or one without approvals", () => {
    expect(decideMerge({ ...input, pr: { ...input.pr, merged: false } })).toEqual([]);
    expect(decideMerge({ ...input, accepted: [] })).toEqual([]);
  });
});
