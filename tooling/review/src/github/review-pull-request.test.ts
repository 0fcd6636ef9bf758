import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFixtureRepo, FIXTURES, type FixtureRepo } from "../testing/create-fixture-repo.ts";
import { FakeGitHub } from "@connectors/testkit";
import { createGitHubClient } from "./create-github-client.ts";
import { listPullRequestFiles } from "./list-pull-request-files.ts";
import { reviewPullRequest } from "./review-pull-request.ts";

const PR = { owner: "acme", repo: "connectors", number: 7, headSha: "abc1234def5678abc1234def5678abc1234def56" };
let github: FakeGitHub;
let repo: FixtureRepo;

beforeEach(async () => {
  github = await new FakeGitHub().start();
  repo = createFixtureRepo();
  repo.write({ "plugins/clean": { copy: join(FIXTURES, "clean") }, ".changeset/clean.md": '---\n"posthog-clean-plugin": minor\n---\n\nFirst.\n' });
  github.prFiles = [{ filename: "plugins/clean/index.ts", status: "added" }, { filename: ".changeset/clean.md", status: "added" }];
});

afterEach(async () => {
  await github.stop();
  repo.cleanup();
});

const client = () => createGitHubClient({ token: "test-token", baseUrl: github.url, retryBaseMs: 1, pacing: false });

describe("reviewPullRequest against a loopback GitHub", () => {
  it("creates one sticky comment, then updates it on the next push (never duplicates)", async () => {
    const first = await reviewPullRequest({ octokit: client(), pr: PR, cwd: repo.root, base: "main" });
    expect(first.actions[0]).toMatch(/^created comment/);
    expect([...github.labels]).toEqual(["review: ready"]);

    repo.write({ "plugins/clean/lib/debug.ts": "export const leak = () => process.env.SECRET;\n" });
    const second = await reviewPullRequest({ octokit: client(), pr: PR, cwd: repo.root, base: "main" });
    expect(second.actions[0]).toMatch(/^updated comment/);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain("security/no-process-access");
    expect(github.comments[0]!.body).toMatch(/1 new, 0 resolved/);
    expect([...github.labels].sort()).toEqual(["review: changes needed", "security"]);
    expect(github.checkRuns.map((run) => run.body.conclusion)).toEqual(["success", "failure"]);
    expect(github.callLines().filter((line) => !line.startsWith("GET"))).toEqual([
      "POST /repos/acme/connectors/issues/7/comments",
      "POST /repos/acme/connectors/check-runs",
      "POST /repos/acme/connectors/issues/7/labels",
      "PATCH /repos/acme/connectors/issues/comments/100",
      "POST /repos/acme/connectors/check-runs",
      "POST /repos/acme/connectors/issues/7/labels",
      "DELETE /repos/acme/connectors/issues/7/labels/review%3A%20ready",
    ]);
  });

  it("writes nothing in a dry run", async () => {
    const result = await reviewPullRequest({ octokit: client(), pr: PR, cwd: repo.root, base: "main", dryRun: true });
    expect(result.actions).toEqual(["would create comment", "would create check run", "would label review: ready"]);
    expect(github.calls.every((call) => call.method === "GET")).toBe(true);
  });

  it("pages through a PR's files", async () => {
    github.prFiles = Array.from({ length: 230 }, (_, i) => ({ filename: `plugins/p${i}/index.ts`, status: "added" }));
    const files = await listPullRequestFiles(client(), PR);
    expect(files).toHaveLength(230);
    expect(github.callLines()).toEqual([
      "GET /repos/acme/connectors/pulls/7/files?per_page=100",
      "GET /repos/acme/connectors/pulls/7/files?per_page=100&page=2",
      "GET /repos/acme/connectors/pulls/7/files?per_page=100&page=3",
    ]);
  });

  it("retries 5xx answers and rate-limit 403s", async () => {
    github.failures.push({ method: "GET", path: /\/pulls\/7\/files$/, status: 502, times: 2 });
    github.failures.push({ method: "POST", path: /\/issues\/7\/comments$/, status: 403, times: 1, headers: { "retry-after": "0" }, message: "You have exceeded a secondary rate limit" });
    const result = await reviewPullRequest({ octokit: client(), pr: PR, cwd: repo.root, base: "main" });
    expect(result.actions[0]).toMatch(/^created comment/);
    expect(github.comments).toHaveLength(1);
    expect(github.callLines().filter((line) => line.includes("/files")).length).toBe(3);
    expect(github.callLines().filter((line) => line === "POST /repos/acme/connectors/issues/7/comments").length).toBe(2);
  });

  it("does not retry a permission 403", async () => {
    github.failures.push({ method: "POST", path: /\/issues\/7\/comments$/, status: 403, times: 5, message: "Resource not accessible by integration" });
    await expect(reviewPullRequest({ octokit: client(), pr: PR, cwd: repo.root, base: "main" })).rejects.toMatchObject({ status: 403 });
    expect(github.callLines().filter((line) => line === "POST /repos/acme/connectors/issues/7/comments").length).toBe(1);
  });

  it("turns a capability change into a note only when a repository member acknowledges its exact token", async () => {
    repo.cleanup();
    repo = createFixtureRepo({ "plugins/clean": { copy: join(FIXTURES, "clean") } });
    const manifest = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(join(FIXTURES, "clean/plugin.json"), "utf8")));
    manifest.allowedHosts.push("collector.example.org");
    repo.write({ "plugins/clean/plugin.json": JSON.stringify(manifest, null, 2), ".changeset/clean.md": '---\n"posthog-clean-plugin": minor\n---\n\nCollector.\n' });
    github.prFiles = [{ filename: "plugins/clean/plugin.json", status: "modified" }];
    const finding = async () => (await reviewPullRequest({ octokit: client(), pr: PR, cwd: repo.root, base: "main", dryRun: true })).report.connectors[0]!.findings.find((f) => f.rule === "manifest/capability-change")!;
    const before = await finding();
    expect(before.severity).toBe("error");
    const token = /\[(cap-[0-9a-f]{12})\]/.exec(before.message)![1]!;
    github.addComment("mallory", `/review acknowledge-capabilities clean ${token}`, "User", "CONTRIBUTOR");
    github.addComment("some-bot", `/review acknowledge-capabilities clean ${token}`, "Bot", "MEMBER");
    expect((await finding()).severity).toBe("error");
    github.addComment("alice", `Looks right.\n/review acknowledge-capabilities clean ${token}`, "User", "MEMBER");
    expect((await finding()).severity).toBe("info");
  });
});
