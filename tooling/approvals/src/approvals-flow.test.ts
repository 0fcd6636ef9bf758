import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readApprovals, writeApprovals } from "@connectors/registry";
import { COMMENT_MARKER, renderReviewDigest } from "@connectors/review";
import { renderApprovalMarker } from "./approval-marker.ts";
import { runApprovalsCli } from "./run-approvals-cli.ts";
import { FakeGitHub } from "@connectors/testkit";

const HEAD = "1".repeat(40);
const DIGEST = `sha256:${createHash("sha256").update("review.json bytes").digest("hex")}`;
const ACME_REPORT = `sha256:${createHash("sha256").update("acme's report").digest("hex")}`;
let github: FakeGitHub;
let root: string;

function sticky(errors = 0, head = HEAD): void {
  github.addComment("github-actions[bot]", `${COMMENT_MARKER}\n## Connector review\n${renderReviewDigest({ digest: DIGEST, head, connectors: [{ slug: "acme", status: "added", errors, reportDigest: ACME_REPORT }] })}\n`, "Bot");
}

beforeEach(async () => {
  github = await new FakeGitHub().start();
  github.pull.head.sha = HEAD;
  github.permissions = { alice: "write", bob: "read", carol: "admin" };
  github.teams = { "connectors/maintainers": ["alice", "bob"] };
  github.files[`${HEAD}:plugins/acme/package.json`] = JSON.stringify({ name: "posthog-acme-plugin", version: "1.2.0" });
  root = mkdtempSync(join(tmpdir(), "approvals-flow-"));
  mkdirSync(join(root, ".github"));
  mkdirSync(join(root, "registry"));
  writeFileSync(join(root, ".github/CODEOWNERS"), "* @connectors/maintainers\n/.github/ @connectors/infra\n/registry/approved.json @connectors/maintainers @carol\n");
  await writeApprovals(join(root, "registry/approved.json"), { approved: [{ slug: "hello-world", version: "0.1.0", approvedBy: "alice", approvedAt: "2026-11-01T00:00:00Z" }], revoked: [] });
});
afterEach(() => github.stop());

async function send(eventName: string, payload: unknown): Promise<{ out: string; changed: string; message: string }> {
  const dir = mkdtempSync(join(tmpdir(), "approvals-event-"));
  writeFileSync(join(dir, "event.json"), JSON.stringify(payload));
  writeFileSync(join(dir, "output"), "");
  let out = "";
  const env = { GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "acme/connectors", GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: join(dir, "event.json"), GITHUB_OUTPUT: join(dir, "output"), GITHUB_API_URL: github.url, CONNECTORS_GITHUB_PACING: "0" };
  const code = await runApprovalsCli(["handle", "--root", root, "--message-file", join(dir, "message")], env, (text) => (out += text));
  expect(code).toBe(0);
  let message = "";
  try {
    message = readFileSync(join(dir, "message"), "utf8");
  } catch {}
  return { out, changed: readFileSync(join(dir, "output"), "utf8"), message };
}

const comment = (login: string, body: string, pr = true) => ({ action: "created", issue: { number: 7, ...(pr ? { pull_request: { url: "x" } } : {}) }, comment: { body, user: { login, type: "User" } } });
const merged = () => {
  github.pull = { ...github.pull, state: "closed", merged: true };
  return { action: "closed", pull_request: { number: 7, merged: true, head: { sha: github.pull.head.sha } } };
};
const approvalsText = () => readFileSync(join(root, "registry/approved.json"), "utf8");

describe("approval flow against a loopback GitHub", () => {
  it("/approve by a maintainer is acknowledged, then recorded with who, when and the review digest on merge", async () => {
    sticky();
    const before = approvalsText();
    const first = await send("issue_comment", comment("alice", "/approve"));
    expect(first.changed).toBe("changed=false\n");
    expect(approvalsText()).toBe(before); // nothing recorded before the merge
    expect(github.replies()).toHaveLength(1);
    expect(github.replies()[0]).toMatch(/✅ @alice approved `acme@1.2.0`/);
    expect(github.replies()[0]).toContain("<!-- connector-approval:");
    expect(github.callLines()).toEqual(expect.arrayContaining([
      "GET /orgs/connectors/teams/maintainers/memberships/alice",
      "GET /repos/acme/connectors/collaborators/alice/permission",
      "GET /repos/acme/connectors/pulls/7",
      `GET /repos/acme/connectors/contents/plugins%2Facme%2Fpackage.json?ref=${HEAD}`,
      "POST /repos/acme/connectors/issues/7/comments",
    ]));

    const merge = await send("pull_request_target", merged());
    expect(merge.changed).toBe("changed=true\n");
    expect(merge.message).toMatch(/^approvals: approve acme@1.2.0 by @alice/);
    const approvals = await readApprovals(join(root, "registry/approved.json"));
    expect(approvals.approved.find((a) => a.slug === "acme")).toEqual({ slug: "acme", version: "1.2.0", approvedBy: "alice", approvedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), reviewDigest: ACME_REPORT });
    expect(github.replies().at(-1)).toMatch(/📝 Recorded in `registry\/approved.json`:\n- `acme@1.2.0` by @alice/);
  });

  it("a maintainer's PR review approval counts, and is recorded on merge even when the bot could not reply", async () => {
    sticky();
    await send("pull_request_review", { action: "submitted", pull_request: { number: 7 }, review: { state: "approved", body: "Looks good", commit_id: HEAD, user: { login: "carol" } } });
    expect(github.replies()[0]).toMatch(/✅ @carol approved `acme@1.2.0` \(review approval\)/);
    github.comments.splice(github.comments.findIndex((c) => c.body.includes("connector-approval")), 1); // as if the fork's read-only token had dropped it
    github.reviews = [{ id: 1, user: { login: "carol" }, state: "APPROVED", commit_id: HEAD, body: "Looks good", submitted_at: "2026-11-24T17:00:00Z" }, { id: 2, user: { login: "mallory" }, state: "APPROVED", commit_id: HEAD, body: "", submitted_at: "2026-11-24T17:01:00Z" }];
    await send("pull_request_target", merged());
    const approvals = await readApprovals(join(root, "registry/approved.json"));
    expect(approvals.approved.filter((a) => a.slug === "acme")).toEqual([{ slug: "acme", version: "1.2.0", approvedBy: "carol", approvedAt: "2026-11-24T17:00:00Z", reviewDigest: ACME_REPORT }]);
  });

  it("a community review approval is not an approval attempt: no reply", async () => {
    sticky();
    await send("pull_request_review", { action: "submitted", pull_request: { number: 7 }, review: { state: "approved", body: "nice", commit_id: HEAD, user: { login: "mallory" } } });
    expect(github.replies()).toEqual([]);
  });

  it.each([
    ["a non-maintainer (not in CODEOWNERS)", "mallory", "/approve", /only maintainers can approve connectors: maintainers are the owners of registry\/approved.json in .github\/CODEOWNERS \(@connectors\/maintainers, @carol\)/],
    ["a listed maintainer without write access", "bob", "/approve", /has read access to the repository, not write/],
    ["an unknown slug", "alice", "/approve nope@1.0.0", /`nope` is not a connector this pull request changes/],
    ["an unknown version", "alice", "/approve acme@3.0.0", /`acme@3.0.0` is not the version under review/],
    ["a malformed command", "alice", "/approve acme", /is not `<slug>@<version>`.*Commands:/s],
  ])("/approve from %s gets a clear reply and nothing is recorded, even after merge", async (_name, login, body, reply) => {
    sticky();
    const before = approvalsText();
    await send("issue_comment", comment(login, body));
    expect(github.replies()).toHaveLength(1);
    expect(github.replies()[0]).toMatch(reply);
    expect(github.replies()[0]).toMatch(/Nothing was recorded/);
    expect(github.replies()[0]).not.toContain("connector-approval");
    const merge = await send("pull_request_target", merged());
    expect(merge.changed).toBe("changed=false\n");
    expect(approvalsText()).toBe(before);
  });

  it("a failed review needs --override, which is recorded", async () => {
    sticky(2);
    await send("issue_comment", comment("alice", "/approve acme@1.2.0"));
    expect(github.replies()[0]).toMatch(/2 error-level finding\(s\)/);
    await send("issue_comment", comment("alice", '/approve acme@1.2.0 --override "the flagged key is a documented test fixture"'));
    expect(github.replies()[1]).toMatch(/over 2 error-level finding/);
    await send("pull_request_target", merged());
    const approvals = await readApprovals(join(root, "registry/approved.json"));
    expect(approvals.approved.find((a) => a.slug === "acme")?.override).toBe("the flagged key is a documented test fixture");
  });

  it("an approval of an older push, or a forged acknowledgement from a user, is not recorded", async () => {
    sticky();
    await send("issue_comment", comment("alice", "/approve"));
    const forged = renderApprovalMarker({ headSha: "2".repeat(40), approval: { slug: "acme", version: "1.3.0", approvedBy: "alice", approvedAt: "2026-11-24T00:00:00Z", reviewDigest: ACME_REPORT } });
    github.addComment("mallory", `ok ${forged}`);
    github.pull.head.sha = "2".repeat(40); // a push after the approval
    sticky(0, "2".repeat(40));
    const merge = await send("pull_request_target", merged());
    expect(merge.changed).toBe("changed=false\n");
    expect(github.replies().at(-1)).toMatch(/No approval was recorded.*\n\nNot recorded:\n- `acme@1.2.0` by @alice: given on `1111111`, merged at `2222222`/s);
  });

  it("/approve on a PR without a review, or on an issue, is refused", async () => {
    await send("issue_comment", comment("alice", "/approve"));
    expect(github.replies()[0]).toMatch(/no connector review yet/);
    await send("issue_comment", comment("alice", "/approve", false));
    expect(github.replies()[1]).toMatch(/works on a pull request/);
  });

  it("/revoke by a maintainer adds a revocation; of something never published, or by a non-maintainer, only a reply", async () => {
    await send("issue_comment", comment("mallory", "/revoke hello-world@0.1.0 I do not like it"));
    expect(github.replies()[0]).toMatch(/only maintainers can revoke/);
    await send("issue_comment", comment("alice", "/revoke acme@9.0.0 leaks keys"));
    expect(github.replies()[1]).toMatch(/`acme@9.0.0` was never published, so it cannot be revoked \(check the slug; acme has no approved version\)/);
    const before = approvalsText();
    expect((await readApprovals(join(root, "registry/approved.json"))).revoked).toEqual([]);
    const done = await send("issue_comment", comment("alice", "/revoke hello-world@0.1.0 sends the API key in the URL", false));
    expect(done.changed).toBe("changed=true\n");
    expect(done.message).toBe("approvals: revoke hello-world@0.1.0: sends the API key in the URL (by alice)\n");
    expect(approvalsText()).not.toBe(before);
    expect((await readApprovals(join(root, "registry/approved.json"))).revoked).toEqual([{ slug: "hello-world", version: "0.1.0", reason: "sends the API key in the URL", revokedAt: expect.any(String), revokedBy: "alice" }]);
    expect(github.replies()[2]).toMatch(/🚫 @alice revoked `hello-world@0.1.0`/);
  });

  it("ignores ordinary comments and the bot's own comments without calling GitHub", async () => {
    const result = await send("issue_comment", comment("alice", "Thanks, looks good"));
    await send("issue_comment", { ...comment("github-actions[bot]", "/approve"), comment: { body: "/approve", user: { login: "github-actions[bot]", type: "Bot" } } });
    expect(result.out).toBe("no approval command in this event\n");
    expect(github.calls).toEqual([]);
  });
});
