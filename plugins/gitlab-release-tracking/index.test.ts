import { VirtualClock, createTestConnector } from "@connectors/testkit";
import { describe, expect, it } from "vitest";
import * as plugin from "./index.ts";
import { projectApiUrl } from "./lib/gitlab-api.ts";

const dir = import.meta.dirname;
const config = { posthogHost: "https://ph.test", gitlabHost: "git.acme.test/", gitlabProjectId: "42", gitlabToken: "glpat-1" };
const PROJECT = "https://git.acme.test/api/v4/projects/42";
const TAGS = `${PROJECT}/repository/tags`;
const tag = (name: string, authored_date: string | null) => ({ name, message: "", target: "abc", commit: authored_date ? { id: "abc", authored_date } : null, release: null, protected: false });

/** PostHog's annotations API in memory (project scope, pages of `pageSize`), POST creates with 201. */
function fakePostHog(connector: Awaited<ReturnType<typeof createTestConnector>>, initial: Array<{ content: string; scope?: string }> = [], pageSize = 100) {
  const annotations = initial.map((a, i) => ({ id: i + 1, scope: "project", ...a }));
  const posts: Array<{ url: string; body: Record<string, unknown>; authorization?: string }> = [];
  const failPosts: number[] = [];
  connector.mocks.on("GET", "https://ph.test/api/projects/*", (request) => {
    const url = new URL(request.url);
    const scoped = annotations.filter((a) => !url.searchParams.get("scope") || a.scope === url.searchParams.get("scope"));
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const next = offset + pageSize < scoped.length ? `http://ph.test/api/projects/9/annotations/?scope=project&deleted=false&limit=${pageSize}&offset=${offset + pageSize}` : null;
    return { json: { next, results: scoped.slice(offset, offset + pageSize) } };
  });
  connector.mocks.on("POST", "https://ph.test/api/projects/@current/annotations/*", (request) => {
    posts.push({ url: request.url, body: request.json(), authorization: request.headers.authorization });
    const status = failPosts.shift();
    if (status === -1) return { error: "ECONNRESET" };
    if (status) return { status, json: { detail: "bad" } };
    annotations.push({ id: annotations.length + 1, ...request.json() });
    return { status: 201, json: {} };
  });
  return { annotations, posts, failPosts };
}

async function connect(overrides: Record<string, unknown> = {}, clock = new VirtualClock("2024-05-01T09:30:00.000Z")) {
  const connector = await createTestConnector(dir, { module: plugin, clock, config: { ...config, ...overrides }, posthogApi: { projectApiKey: "phc_team", personalApiKey: "phx_bot" } });
  connector.mocks.on("GET", PROJECT, { json: { id: 42, name: "widgets" } });
  return connector;
}

describe("gitlab-release-tracking", () => {
  it("annotates the new tag of a self-hosted project with PostHog's own credentials (example A)", async () => {
    const connector = await connect();
    const ph = fakePostHog(connector, [{ content: "v1.0.0" }]);
    const auth: Array<string | undefined> = [];
    connector.mocks.on("GET", TAGS, (r) => (auth.push(r.headers.authorization), { json: [tag("v1.1.0", "2024-04-02T10:00:00.000+02:00"), tag("v1.0.0", "2024-03-01T10:00:00.000+01:00"), tag("broken", null)] }));
    await connector.runTask("runEveryHour");
    expect(connector.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${PROJECT}`,
      "GET https://ph.test/api/projects/@current/annotations/?scope=project&deleted=false&token=phc_team",
      `GET ${TAGS}`,
      "POST https://ph.test/api/projects/@current/annotations/?token=phc_team",
    ]);
    expect(auth).toEqual(["Bearer glpat-1"]);
    expect(ph.posts).toEqual([{ url: expect.any(String), authorization: "Bearer phx_bot", body: { content: "v1.1.0", scope: "project", date_marker: "2024-04-02T10:00:00.000+02:00" } }]);
    expect(connector.captured).toEqual([]);
    expect(connector.logs.map((l) => l.message)).toContain("added annotation: v1.1.0");
    expect(JSON.stringify(connector.requests)).not.toContain("glpat-1");
  });

  it("fails setup for an unknown project (example B)", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { gitlabProjectId: "999" } });
    connector.mocks.on("GET", "https://gitlab.com/api/v4/projects/999", { status: 404, json: { message: "404 Project Not Found" } });
    await expect(connector.setup()).rejects.toThrow('Gitlab returned 404 - {"message":"404 Project Not Found"}');
  });

  it("runs on the hour, never annotating a tag twice", async () => {
    const clock = new VirtualClock("2024-05-01T09:30:00.000Z");
    const connector = await connect({}, clock);
    const ph = fakePostHog(connector);
    connector.mocks.on("GET", TAGS, { json: [tag("v2", "2024-04-02T10:00:00Z"), tag("v1", "2024-03-01T10:00:00Z")] });
    connector.startSchedule();
    await clock.advance(3 * 3_600_000);
    expect(connector.requests.filter((r) => r.url === TAGS)).toHaveLength(3);
    expect(ph.annotations.map((a) => a.content)).toEqual(["v2", "v1"]);
    expect(connector.errors).toEqual([]);
    await connector.teardown();
  });

  it("follows next (pathname + query) and ignores organization annotations with the same text", async () => {
    const connector = await connect();
    const ph = fakePostHog(connector, [{ content: "v1" }, { content: "v2" }, { content: "v3", scope: "organization" }, { content: "v4" }], 2);
    connector.mocks.on("GET", TAGS, { json: ["v4", "v3", "v2", "v1"].map((n) => tag(n, "2024-01-01T00:00:00Z")) });
    await connector.runTask("runEveryHour");
    expect(connector.requests.filter((r) => r.url.startsWith("https://ph.test") && r.method === "GET").map((r) => r.url)).toEqual([
      "https://ph.test/api/projects/@current/annotations/?scope=project&deleted=false&token=phc_team",
      "https://ph.test/api/projects/9/annotations/?scope=project&deleted=false&limit=2&offset=2&token=phc_team",
    ]);
    expect(ph.posts.map((p) => p.body.content)).toEqual(["v3"]);
  });

  it("resumes after a crash half way with every tag annotated once", async () => {
    const connector = await connect();
    const ph = fakePostHog(connector);
    connector.mocks.on("GET", TAGS, { json: ["v3", "v2", "v1"].map((n) => tag(n, "2024-01-01T00:00:00Z")) });
    ph.failPosts.push(0, -1);
    await expect(connector.runTask("runEveryHour")).rejects.toThrow(/ECONNRESET/);
    await connector.runTask("runEveryHour");
    await connector.runTask("runEveryHour");
    expect(ph.annotations.map((a) => a.content)).toEqual(["v3", "v2", "v1"]);
  });

  it("logs a failed annotation and goes on", async () => {
    const connector = await connect();
    const ph = fakePostHog(connector);
    ph.failPosts.push(403);
    connector.mocks.on("GET", TAGS, { json: [tag("v2", "2024-01-02T00:00:00Z"), tag("v1", "2024-01-01T00:00:00Z")] });
    await connector.runTask("runEveryHour");
    expect(connector.logs.filter((l) => l.level === "error").map((l) => l.message)).toEqual(["failed to create annotation v2: status=403"]);
    expect(ph.annotations.map((a) => a.content)).toEqual(["v1"]);
  });

  it.each([
    [{ status: 429, headers: { "retry-after": "60" }, json: { message: "Too Many Requests" } }, 429],
    [{ status: 401, json: { message: "401 Unauthorized" } }, 401],
    [{ json: { message: "not a list" } }, 200],
  ])("throws when the tags answer is not a list (%j)", async (response, status) => {
    const connector = await connect();
    fakePostHog(connector);
    connector.mocks.on("GET", TAGS, response);
    await expect(connector.runTask("runEveryHour")).rejects.toThrow(`Could not load tags from GitLab: status=${status}`);
  });

  it("retries a GitLab request once after a network error, then gives up with the URL", async () => {
    const connector = await connect();
    fakePostHog(connector);
    connector.mocks.once("GET", TAGS, { error: "ECONNRESET" }).once("GET", TAGS, { json: [tag("v1", "2024-01-01T00:00:00Z")] });
    await connector.runTask("runEveryHour");
    connector.mocks.on("GET", TAGS, { error: "ETIMEDOUT" });
    await expect(connector.runTask("runEveryHour")).rejects.toThrow(`GET request to ${TAGS} failed with error: fetch failed: ETIMEDOUT`);
  });

  it("throws on an annotations answer without results", async () => {
    const connector = await connect();
    connector.mocks.on("GET", "https://ph.test/*", { status: 403, json: { detail: "forbidden" } });
    await expect(connector.runTask("runEveryHour")).rejects.toThrow('Could not load annotations. Response: {"detail":"forbidden"}');
  });

  it("URL-encodes a project path and defaults to gitlab.com without a token", async () => {
    expect(projectApiUrl("https://gitlab.com", "group/project")).toBe("https://gitlab.com/api/v4/projects/group%2Fproject");
    const connector = await createTestConnector(dir, { module: plugin, config: { gitlabProjectId: "group/project" } });
    const auth: Array<string | undefined> = [];
    connector.mocks.on("GET", "https://gitlab.com/api/v4/projects/group%2Fproject", (r) => (auth.push(r.headers.authorization), { json: { id: 1 } }));
    await connector.setup();
    expect(auth).toEqual([undefined]);
  });

  it("rejects a config without a project id", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: {} })).rejects.toThrow(/gitlabProjectId/);
  });
});
