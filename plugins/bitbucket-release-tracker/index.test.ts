import { createSyncedClock, createTestConnector } from "@connectors/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as plugin from "./index.ts";

const dir = import.meta.dirname;
const config = { posthogHost: "https://ph.test/", posthogApiKey: "phx_k", bitbucketHost: "https://bitbucket.org/", bitbucketWorkspace: "acme", repoName: "widgets" };
const REPO = "https://bitbucket.org/api/2.0/repositories/acme/widgets";
const TAGS = `${REPO}/refs/tags`;
const ANNOTATIONS = "https://ph.test/api/annotation/?scope=organization&deleted=false";
const tag = (name: string, date: string) => ({ name, target: { hash: "abc", date } });
const tags = (from: number, count: number) => Array.from({ length: count }, (_, i) => tag(`v${from + i}`, `2024-01-${String(1 + ((from + i) % 28)).padStart(2, "0")}T00:00:00+00:00`));

/** Clocks here also move `Date`: the connector reads the time from `Date`. */
const syncedClock = (start = "2024-05-01T10:00:00.000Z") => createSyncedClock(vi, start);

/** PostHog's legacy annotation API and /users/@me in memory. */
function fakePostHog(connector: Awaited<ReturnType<typeof createTestConnector>>, initial: string[] = []) {
  const annotations = initial.map((content) => ({ content }));
  const posts: Array<{ body: unknown; headers: Record<string, string> }> = [];
  const failPosts: number[] = [];
  connector.mocks.on("GET", "https://ph.test/api/users/@me", { json: { email: "a@acme.test" } });
  connector.mocks.on("GET", `${ANNOTATIONS}*`, (request) => {
    const offset = Number(new URL(request.url).searchParams.get("offset") ?? 0);
    const next = offset + 2 < annotations.length ? `${ANNOTATIONS}&offset=${offset + 2}` : null;
    return { json: { next, results: annotations.slice(offset, offset + 2) } };
  });
  connector.mocks.on("POST", "https://ph.test/api/annotation/", (request) => {
    posts.push({ body: request.json(), headers: request.headers });
    const status = failPosts.shift();
    if (status === -1) return { error: "ECONNRESET" };
    if (status) return { status, json: {} };
    annotations.push(request.json());
    return { status: 201, json: { id: annotations.length } };
  });
  return { annotations, posts, failPosts };
}

async function connect(overrides: Record<string, unknown> = {}, clock = syncedClock()) {
  const connector = await createTestConnector(dir, { module: plugin, clock, config: { ...config, ...overrides } });
  connector.mocks.on("GET", REPO, { json: { full_name: "acme/widgets" } });
  return connector;
}

afterEach(() => vi.useRealTimers());

describe("bitbucket-release-tracker", () => {
  it("annotates the new tag of a public repo and records lastRun (example A)", async () => {
    const connector = await connect();
    const ph = fakePostHog(connector, ["v0.9"]);
    connector.mocks.on("GET", TAGS, { json: { pagelen: 10, values: [tag("v0.9", "2024-01-05T08:00:00+00:00"), tag("v1.0", "2024-04-02T10:00:00+00:00")] } });
    await connector.runTask("runEveryMinute");
    expect(connector.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET https://ph.test/api/users/@me`, `GET ${REPO}`, `GET ${ANNOTATIONS}`, `GET ${TAGS}`, "POST https://ph.test/api/annotation/"]);
    expect(connector.requests[1]!.headers.authorization).toBeUndefined();
    expect(ph.posts[0]!.body).toEqual({ content: "v1.0", scope: "organization", date_marker: "2024-04-02T10:00:00+00:00" });
    expect(ph.posts[0]!.headers).toMatchObject({ authorization: "Bearer phx_k", "content-type": "application/json" });
    expect(connector.captured).toEqual([expect.objectContaining({ event: "created_tag_annotation", distinct_id: "Bitbucket Release Tracker", properties: expect.objectContaining({ tag: "v1.0" }) })]);
    expect(await connector.meta.cache.get("lastRun", null)).toBe(Date.parse("2024-05-01T10:00:00.000Z"));
  });

  it("sends Basic auth for a private repo and needs both credentials (example B)", async () => {
    const connector = await connect({ bitbucketUsername: "bob", bitbucketToken: "app-pw" });
    fakePostHog(connector);
    const auth: Array<string | undefined> = [];
    connector.mocks.on("GET", TAGS, (r) => (auth.push(r.headers.authorization), { json: { values: [] } }));
    await connector.runTask("runEveryMinute");
    expect(auth).toEqual(["Basic Ym9iOmFwcC1wdw=="]);
    const half = await connect({ bitbucketUsername: "bob" });
    await expect(half.setup()).rejects.toThrow("Please supply both a Bitbucket username and a personal token to use this plugin with private repos");
  });

  it("runs at most once an hour on the schedule (the original never wrote lastRun)", async () => {
    const clock = syncedClock("2024-05-01T09:59:30.000Z");
    const connector = await connect({}, clock);
    const ph = fakePostHog(connector);
    connector.mocks.on("GET", TAGS, { json: { values: [tag("v1", "2024-01-01T00:00:00+00:00")] } });
    connector.startSchedule();
    await clock.advance(90 * 60_000);
    expect(connector.requests.filter((r) => r.url === TAGS)).toHaveLength(2);
    expect(ph.annotations).toEqual([{ content: "v1", scope: "organization", date_marker: "2024-01-01T00:00:00+00:00" }]);
    expect(connector.captured).toHaveLength(1);
    await connector.teardown();
  });

  it("follows tag pages; a page failing once is re-read next minute and every tag is annotated once", async () => {
    const clock = syncedClock("2024-05-01T09:59:30.000Z");
    const connector = await connect({}, clock);
    const ph = fakePostHog(connector, ["v0", "v1", "v2"]);
    const all = tags(0, 25);
    connector.mocks.on("GET", TAGS, { json: { pagelen: 10, values: all.slice(0, 10), next: `${TAGS}?page=2` } });
    connector.mocks.once("GET", `${TAGS}?page=2`, { status: 500, body: "oops" });
    connector.mocks.on("GET", `${TAGS}?page=2`, { json: { pagelen: 10, values: all.slice(10, 20), next: `${TAGS}?page=3` } });
    connector.mocks.on("GET", `${TAGS}?page=3`, { json: { pagelen: 10, values: all.slice(20) } });
    connector.startSchedule();
    await clock.advance(60_000);
    expect(connector.errors).toEqual([{ hook: "runEveryMinute", message: expect.stringContaining("Could not load tags from Bitbucket: status=500") }]);
    await clock.advance(60_000);
    await clock.advance(60 * 60_000);
    expect(ph.annotations.map((a) => a.content)).toEqual(all.map((t) => t.name));
    expect(connector.captured.map((e) => e.properties.tag)).toEqual(all.slice(3).map((t) => t.name));
    await connector.teardown();
  });

  it("resumes after a crash between annotations without duplicates", async () => {
    const connector = await connect();
    const ph = fakePostHog(connector);
    ph.failPosts.push(0, -1, -1);
    connector.mocks.on("GET", TAGS, { json: { values: tags(1, 3) } });
    await expect(connector.runTask("runEveryMinute")).rejects.toThrow("POST request to https://ph.test/api/annotation/ failed.");
    expect(await connector.meta.cache.get("lastRun", null)).toBeNull();
    await connector.runTask("runEveryMinute");
    expect(ph.annotations.map((a) => a.content)).toEqual(["v1", "v2", "v3"]);
    expect(connector.captured.map((e) => e.properties.tag)).toEqual(["v1", "v2", "v3"]);
  });

  it("logs a refused annotation and goes on", async () => {
    const connector = await connect();
    const ph = fakePostHog(connector);
    ph.failPosts.push(400);
    connector.mocks.on("GET", TAGS, { json: { values: tags(1, 2) } });
    await connector.runTask("runEveryMinute");
    expect(connector.logs.filter((l) => l.level === "error").map((l) => l.message)).toEqual(["failed to create annotation v1: status=400"]);
    expect(connector.captured.map((e) => e.properties.tag)).toEqual(["v2"]);
  });

  it("waits for Retry-After on a 429 from Bitbucket", async () => {
    const clock = syncedClock();
    const connector = await connect({}, clock);
    fakePostHog(connector);
    connector.mocks.once("GET", TAGS, { status: 429, headers: { "retry-after": "120" } });
    connector.mocks.on("GET", TAGS, { json: { values: tags(1, 1) } });
    await connector.runTask("runEveryMinute");
    await clock.advance(60_000);
    await connector.runTask("runEveryMinute");
    expect(connector.captured).toEqual([]);
    await clock.advance(60_000);
    await connector.runTask("runEveryMinute");
    expect(connector.captured).toHaveLength(1);
  });

  it("fails setup with the specific message for a bad PostHog key or repository", async () => {
    const badKey = await createTestConnector(dir, { module: plugin, config });
    badKey.mocks.on("GET", "https://ph.test/api/users/@me", { status: 401, json: { detail: "bad" } });
    await expect(badKey.setup()).rejects.toThrow(/^(?!.*Unable to connect to APIs).*Invalid PostHog Personal API key/);
    const badRepo = await createTestConnector(dir, { module: plugin, config });
    badRepo.mocks.on("GET", "https://ph.test/api/users/@me", { json: {} }).on("GET", REPO, { status: 404, json: {} });
    await expect(badRepo.setup()).rejects.toThrow("Unable to connect to Bitbucket - Invalid Bitbucket host, workspace, repo name, or token");
    const offline = await createTestConnector(dir, { module: plugin, config });
    offline.mocks.on("GET", "https://ph.test/api/users/@me", { error: "ENOTFOUND" });
    await expect(offline.setup()).rejects.toThrow("Unable to connect to APIs: GET request to https://ph.test/api/users/@me failed.");
    expect(offline.requests).toHaveLength(2);
  });

  it("throws on an annotations answer that is not a list", async () => {
    const connector = await connect();
    connector.mocks.on("GET", "https://ph.test/api/users/@me", { json: {} }).on("GET", ANNOTATIONS, { status: 403, json: { detail: "no" } });
    await expect(connector.runTask("runEveryMinute")).rejects.toThrow("Could not load annotations");
  });

  it("falls back to the default hosts when they are empty", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { ...config, posthogHost: "", bitbucketHost: "" } });
    connector.mocks.on("GET", "https://app.posthog.com/api/users/@me", { json: {} }).on("GET", REPO, { json: {} });
    await connector.setup();
    expect(connector.requests.map((r) => r.url)).toEqual(["https://app.posthog.com/api/users/@me", REPO]);
  });

  it("rejects a config without workspace or API key", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { ...config, bitbucketWorkspace: "" } })).rejects.toThrow(/bitbucketWorkspace/);
    await expect(createTestConnector(dir, { module: plugin, config: { ...config, posthogApiKey: "" } })).rejects.toThrow(/posthogApiKey/);
  });
});
