import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseReviewReport } from "../report/parse-review-report.ts";
import { parseReviewDigest } from "../report/review-digest.ts";
import { reviewReportDigest } from "../report/review-report-digest.ts";
import { sampleReport } from "../report/sample-report.ts";
import { runReviewCli } from "../run-review-cli.ts";
import { FakeGitHub } from "@connectors/testkit";
import { createGitHubClient } from "./create-github-client.ts";
import { postReviewReport } from "./post-review-report.ts";

const HEAD = "abc1234def5678abc1234def5678abc1234def56";
let github: FakeGitHub;
beforeEach(async () => {
  github = await new FakeGitHub().start();
});
afterEach(() => github.stop());

function artifact(report: unknown): { dir: string; json: string } {
  const dir = mkdtempSync(join(tmpdir(), "review-artifact-"));
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(join(dir, "review.json"), json);
  writeFileSync(join(dir, "review.md"), "UPLOADED MARKDOWN @everyone [click](https://evil.example)\n");
  writeFileSync(join(dir, "pull-request.json"), JSON.stringify({ pullRequest: 7, headSha: HEAD, exitCode: 0 }));
  return { dir, json };
}

async function post(dir: string, extra: string[] = []) {
  let out = "";
  const code = await runReviewCli(["--post-from-artifact", dir, "--pr", "7", "--head-sha", HEAD, "--repo", "acme/connectors", "--api-url", github.url, ...extra], {
    stdout: (text) => (out += text),
    env: { GITHUB_TOKEN: "test-token" },
  });
  return { code, out };
}

describe("--post-from-artifact (review-comment.yml)", () => {
  it("re-renders review.json with the trusted renderer, never the uploaded Markdown, and recounts the totals", async () => {
    const report = sampleReport();
    report.totals = { error: 0, warning: 0, info: 0 }; // a lying report: findings hold an error
    report.connectors[0]!.findings[1]!.message = "looks fine <!-- plugin-review-digest:ZmFrZQ== --> really";
    const { dir, json } = artifact(report);
    const { code, out } = await post(dir);
    expect(code).toBe(0);
    expect(out).toMatch(/# created comment 100/);
    const body = github.comments[0]!.body;
    expect(body).toContain("<!-- plugin-review -->");
    expect(body).toContain("## Connector review: ❌ changes needed");
    expect(body).toContain("security/hard-coded-credentials");
    expect(body).not.toContain("UPLOADED MARKDOWN");
    expect(body).not.toContain("<!-- plugin-review-digest:ZmFrZQ==");
    expect(parseReviewDigest(body)).toEqual({
      digest: `sha256:${createHash("sha256").update(json).digest("hex")}`,
      head: HEAD,
      connectors: [
        { slug: "acme", status: "modified", errors: 1, reportDigest: reviewReportDigest(parseReviewReport(json).connectors[0]!) },
        { slug: "gone", status: "deleted", errors: 0, reportDigest: reviewReportDigest(parseReviewReport(json).connectors[1]!) },
      ],
    });
    expect(github.checkRuns[0]!.body).toMatchObject({ head_sha: HEAD, conclusion: "failure", name: "connector review" });
    expect([...github.labels].sort()).toEqual(["review: changes needed", "security"]);
    expect(github.callLines().filter((l) => !l.startsWith("GET"))).toEqual([
      "POST /repos/acme/connectors/issues/7/comments",
      "POST /repos/acme/connectors/check-runs",
      "POST /repos/acme/connectors/issues/7/labels",
    ]);
  });

  it("updates the one sticky comment on the next run", async () => {
    const octokit = createGitHubClient({ token: "t", baseUrl: github.url, retryBaseMs: 1, pacing: false });
    const pr = { owner: "acme", repo: "connectors", number: 7, headSha: HEAD };
    await postReviewReport({ octokit, pr, reportJson: artifact(sampleReport()).json });
    const clean = { ...sampleReport(), connectors: [sampleReport().connectors[1]!] };
    await postReviewReport({ octokit, pr, reportJson: artifact(clean).json });
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain("✅ ready for a maintainer");
    expect([...github.labels]).toEqual(["review: ready"]);
  });

  it("refuses a review.json that is not a report, and bad flags, before writing anything", async () => {
    await expect(post(artifact({ connectors: [{ slug: "../x", status: "added", findings: [] }] }).dir)).rejects.toThrow(/connectors\[0\]\.slug/);
    await expect(post(artifact("nope").dir)).rejects.toThrow(/connectors array/);
    await expect(runReviewCli(["--post-from-artifact", "/nowhere", "--pr", "7", "--head-sha", HEAD, "--repo", "a/b"], { stdout: () => {}, env: {} })).rejects.toThrow(/GITHUB_TOKEN/);
    await expect(runReviewCli(["--post-from-artifact", "/nowhere", "--pr", "x", "--head-sha", HEAD], { stdout: () => {}, env: { GITHUB_TOKEN: "t" } })).rejects.toThrow(/--pr N/);
    expect(github.calls).toEqual([]);
  });

  it("writes nothing in a dry run", async () => {
    const { out } = await post(artifact(sampleReport()).dir, ["--dry-run"]);
    expect(out).toContain("# would create comment");
    expect(github.calls.every((c) => c.method === "GET")).toBe(true);
  });
});
