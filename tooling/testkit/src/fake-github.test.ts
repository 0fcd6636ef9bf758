import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeGitHub } from "./fake-github.ts";

let github: FakeGitHub;
const call = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${github.url}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, link: response.headers.get("link"), json: (response.status === 204 ? undefined : await response.json()) as any };
};

beforeEach(async () => {
  github = await new FakeGitHub().start();
});
afterEach(() => github.stop());

describe("FakeGitHub", () => {
  it("listens on loopback and records every call", async () => {
    expect(github.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await call("GET", "/repos/acme/connectors/pulls/7?x=1");
    await call("POST", "/repos/acme/connectors/issues/7/labels", { labels: ["ready"] });
    expect(github.calls).toEqual([
      { method: "GET", path: "/repos/acme/connectors/pulls/7?x=1" },
      { method: "POST", path: "/repos/acme/connectors/issues/7/labels", body: { labels: ["ready"] } },
    ]);
    expect(github.callLines()).toEqual(["GET /repos/acme/connectors/pulls/7?x=1", "POST /repos/acme/connectors/issues/7/labels"]);
    expect([...github.labels]).toEqual(["ready"]);
  });

  it("writes posted comments as the bot, updates and deletes them", async () => {
    github.addComment("alice", "/approve");
    const posted = await call("POST", "/repos/acme/connectors/issues/7/comments", { body: "review" });
    expect(posted).toMatchObject({ status: 201, json: { body: "review", user: { login: "github-actions[bot]", type: "Bot" } } });
    expect(github.replies()).toEqual(["review"]);
    await call("PATCH", `/repos/acme/connectors/issues/comments/${posted.json.id}`, { body: "review 2" });
    expect((await call("GET", "/repos/acme/connectors/issues/7/comments")).json.map((c: { body: string }) => c.body)).toEqual(["/approve", "review 2"]);
    expect((await call("DELETE", `/repos/acme/connectors/issues/comments/${posted.json.id}`)).status).toBe(204);
    expect(github.comments.map((c) => c.body)).toEqual(["/approve"]);
    expect((await call("PATCH", "/repos/acme/connectors/issues/comments/999", { body: "x" })).status).toBe(404);
  });

  it("pages the pull request's files with a link header", async () => {
    github.prFiles = Array.from({ length: 3 }, (_, i) => ({ filename: `f${i}`, status: "added" }));
    const first = await call("GET", "/repos/acme/connectors/pulls/7/files?per_page=2");
    expect(first.json).toHaveLength(2);
    expect(first.link).toBe(`<${github.url}/repos/acme/connectors/pulls/7/files?per_page=2&page=2>; rel="next", <${github.url}/repos/acme/connectors/pulls/7/files?per_page=2&page=2>; rel="last"`);
    const second = await call("GET", "/repos/acme/connectors/pulls/7/files?per_page=2&page=2");
    expect(second).toMatchObject({ json: [{ filename: "f2" }], link: null });
  });

  it("answers permissions, team memberships and file contents from its tables, 404 otherwise", async () => {
    github.permissions = { alice: "write" };
    github.teams = { "acme/maintainers": ["alice"] };
    github.files = { "abc:plugins/x/package.json": "{}" };
    expect(await call("GET", "/repos/acme/connectors/collaborators/alice/permission")).toMatchObject({ status: 200, json: { permission: "write" } });
    expect((await call("GET", "/repos/acme/connectors/collaborators/bob/permission")).status).toBe(404);
    expect((await call("GET", "/orgs/acme/teams/maintainers/memberships/alice")).json).toEqual({ state: "active", role: "member" });
    expect((await call("GET", "/orgs/acme/teams/maintainers/memberships/bob")).status).toBe(404);
    expect((await call("GET", "/repos/acme/connectors/contents/plugins/x/package.json?ref=abc")).json).toMatchObject({ encoding: "base64", content: Buffer.from("{}").toString("base64") });
    expect((await call("GET", "/repos/acme/connectors/contents/plugins/x/package.json?ref=other")).status).toBe(404);
    expect(await call("GET", "/repos/acme/connectors/unknown")).toMatchObject({ status: 404, json: { message: "Not Found: GET /repo/unknown" } });
  });

  it("records check runs and their updates", async () => {
    const created = await call("POST", "/repos/acme/connectors/check-runs", { name: "review" });
    await call("PATCH", `/repos/acme/connectors/check-runs/${created.json.id}`, { conclusion: "success" });
    expect(github.checkRuns).toEqual([{ id: created.json.id, body: { name: "review" }, updates: [{ conclusion: "success" }] }]);
  });

  it("serves injected failures the given number of times", async () => {
    github.failures.push({ method: "GET", path: /\/pulls\/7$/, status: 502, times: 1, headers: { "retry-after": "0" } });
    const failed = await fetch(`${github.url}/repos/acme/connectors/pulls/7`);
    expect([failed.status, failed.headers.get("retry-after"), await failed.json()]).toEqual([502, "0", { message: "Server Error" }]);
    expect((await call("GET", "/repos/acme/connectors/pulls/7")).json).toMatchObject({ number: 7, state: "open" });
  });
});
