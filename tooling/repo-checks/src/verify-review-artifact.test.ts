import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createPullRequestHeadLookup } from "./fetch-pull-request-head.ts";
import { copyVerifiedArtifact, MAX_ARTIFACT_FILE_BYTES, ReviewArtifactError, verifyReviewArtifact } from "./verify-review-artifact.ts";

const SHA = "a".repeat(40);
const OTHER = "b".repeat(40);

async function artifact(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "review-artifact-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const valid = (meta: Record<string, unknown> = {}) => ({
  "pull-request.json": JSON.stringify({ pullRequest: 7, headSha: SHA, exitCode: 1, ...meta }),
  "review.json": JSON.stringify({ connectors: [] }),
  "review.md": "<!-- connectors-review -->\n# Review",
});
const heads = (map: Record<number, string>) => async (n: number) => map[n];

describe("verifyReviewArtifact", () => {
  it("accepts a well-formed artifact for the run's commit", async () => {
    const dir = await artifact(valid());
    await expect(verifyReviewArtifact(dir, { headSha: SHA, fetchPullRequestHead: heads({ 7: SHA }) })).resolves.toEqual({
      pullRequest: 7,
      headSha: SHA,
      exitCode: 1,
      report: { connectors: [] },
      markdown: "<!-- connectors-review -->\n# Review",
    });
    const out = join(dir, "verified");
    await copyVerifiedArtifact(dir, out);
    expect(await readFile(join(out, "review.md"), "utf8")).toContain("# Review");
  });

  it.each([
    ["a missing file", { "review.json": undefined }, /review\.json is missing/],
    ["a PR number that is not an integer", { "pull-request.json": JSON.stringify({ pullRequest: "7; rm -rf /", headSha: SHA, exitCode: 0 }) }, /positive integer/],
    ["a head SHA from another commit", { "pull-request.json": JSON.stringify({ pullRequest: 7, headSha: OTHER, exitCode: 0 }) }, /not the run's head SHA/],
    ["a report that is not JSON", { "review.json": "{nope" }, /review\.json is not valid JSON/],
    ["an oversized file", { "review.md": "x".repeat(MAX_ARTIFACT_FILE_BYTES + 1) }, /over the .*-byte limit/],
  ])("rejects %s", async (_name, change, message) => {
    const files: Record<string, string | undefined> = { ...valid(), ...change };
    const dir = await artifact(Object.fromEntries(Object.entries(files).filter((entry): entry is [string, string] => entry[1] !== undefined)));
    const result = verifyReviewArtifact(dir, { headSha: SHA, fetchPullRequestHead: heads({ 7: SHA }) });
    await expect(result).rejects.toThrow(ReviewArtifactError);
    await expect(result).rejects.toThrow(message);
  });

  it("refuses to post on a PR whose head is another commit (another PR's number, or a newer push)", async () => {
    const dir = await artifact(valid());
    await expect(verifyReviewArtifact(dir, { headSha: SHA, fetchPullRequestHead: heads({ 7: OTHER }) })).rejects.toThrow(/is at b{40}, not a{40}/);
    await expect(verifyReviewArtifact(dir, { headSha: SHA, fetchPullRequestHead: heads({}) })).rejects.toThrow(/#7 does not exist/);
  });

  it("rejects a --head-sha that is not a SHA", async () => {
    const dir = await artifact(valid());
    await expect(verifyReviewArtifact(dir, { headSha: "main", fetchPullRequestHead: heads({ 7: SHA }) })).rejects.toThrow(/40-hex/);
  });
});

describe("createPullRequestHeadLookup (loopback fake GitHub API)", () => {
  const servers: { close(): void }[] = [];
  afterEach(() => servers.splice(0).forEach((server) => server.close()));

  it("reads head.sha, maps 404 to undefined, and throws on 5xx", async () => {
    const calls: string[] = [];
    const server = createServer((req, res) => {
      calls.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res.setHeader("content-type", "application/json");
      if (req.url === "/repos/acme/connectors/pulls/7") {
        res.end(JSON.stringify({ number: 7, head: { sha: SHA } }));
        return;
      }
      res.statusCode = req.url === "/repos/acme/connectors/pulls/500" ? 500 : 404;
      res.end(JSON.stringify({ message: "nope" }));
    }).listen(0, "127.0.0.1");
    servers.push(server);
    await new Promise((resolve) => server.once("listening", resolve));
    const lookup = createPullRequestHeadLookup({
      repository: "acme/connectors",
      token: "test-token",
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    });
    expect(await lookup(7)).toBe(SHA);
    expect(await lookup(8)).toBeUndefined();
    await expect(lookup(500)).rejects.toThrow(/answered 500/);
    expect(calls).toEqual([
      "GET /repos/acme/connectors/pulls/7 Bearer test-token",
      "GET /repos/acme/connectors/pulls/8 Bearer test-token",
      "GET /repos/acme/connectors/pulls/500 Bearer test-token",
    ]);
  });
});
