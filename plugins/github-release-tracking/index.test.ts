import { createSyncedClock, createTestConnector } from "@connectors/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as plugin from "./index.ts";
import { normalizeHost } from "./lib/normalize-host.ts";

const dir = import.meta.dirname;
const config = { posthogHost: "ph.test", posthogPersonalApiKey: "phx_p", posthogProjectApiKey: "phc_t", ghOwner: "acme", ghRepo: "widgets", ghToken: "" };
const RELEASES = "https://api.github.com/repos/acme/widgets/releases";
const release = (name: string | null, published_at: string | null, extra: Record<string, unknown> = {}) => ({ id: 1, tag_name: name ?? "tag", name, draft: false, prerelease: false, published_at, created_at: published_at, ...extra });

/** Clocks here also move `Date`: the connector reads the time from `Date`. */
const syncedClock = (start = "2024-05-01T10:00:00.000Z") => createSyncedClock(vi, start);

/** PostHog's annotations API in memory: pages of `pageSize` with absolute `next` URLs, POST creates (201). */
function fakePostHog(connector: Awaited<ReturnType<typeof createTestConnector>>, initial: string[] = [], pageSize = 100) {
  const annotations = initial.map((content, i) => ({ id: i + 1, content, scope: "organization" }));
  const posts: Array<{ url: string; body: unknown; authorization?: string }> = [];
  const failNextPost: number[] = [];
  connector.mocks.on("GET", "https://ph.test/api/projects/*", (request) => {
    const url = new URL(request.url);
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const results = annotations.slice(offset, offset + pageSize);
    const next = offset + pageSize < annotations.length ? `https://ph.test/api/projects/7/annotations/?limit=${pageSize}&offset=${offset + pageSize}` : null;
    return { json: { count: annotations.length, next, previous: null, results } };
  });
  connector.mocks.on("POST", "https://ph.test/api/projects/@current/annotations?token=phc_t", (request) => {
    posts.push({ url: request.url, body: request.json(), authorization: request.headers.authorization });
    const status = failNextPost.shift();
    if (status === -1) return { error: "ECONNRESET" };
    if (status) return { status, json: { detail: "nope" } };
    annotations.push({ id: annotations.length + 1, ...request.json() });
    return { status: 201, json: { id: annotations.length } };
  });
  return { annotations, posts, failNextPost };
}

const connect = async (overrides: Record<string, unknown> = {}, clock = syncedClock()) => createTestConnector(dir, { module: plugin, clock, config: { ...config, ...overrides } });

afterEach(() => vi.useRealTimers());

describe("github-release-tracking", () => {
  it("annotates the release that has no annotation yet (example A)", async () => {
    const connector = await connect();
    const ph = fakePostHog(connector, ["v1.0.0"]);
    connector.mocks.on("GET", RELEASES, { json: [release("v1.1.0", "2024-04-20T09:00:00Z"), release("v1.0.0", "2024-03-01T09:00:00Z")] });
    await connector.runTask("runEveryMinute");
    expect(connector.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET https://ph.test/api/projects/@current/annotations?token=phc_t",
      `GET ${RELEASES}`,
      "POST https://ph.test/api/projects/@current/annotations?token=phc_t",
    ]);
    expect(ph.posts).toEqual([{ url: expect.any(String), authorization: "Bearer phx_p", body: { content: "v1.1.0", scope: "organization", date_marker: "2024-04-20T09:00:00Z" } }]);
    expect(connector.captured).toEqual([expect.objectContaining({ event: "created_release_annotation", distinct_id: "GitHub Release Tracker", properties: expect.objectContaining({ release: "v1.1.0" }) })]);
    expect(await connector.meta.cache.get("lastRun", null)).toBe(1714557600000);
    expect(JSON.stringify(connector.requests)).not.toContain("phx_p");
  });

  it("runs at most once an hour (example B) and never annotates twice", async () => {
    const clock = syncedClock("2024-05-01T09:59:30.000Z");
    const connector = await connect({}, clock);
    const ph = fakePostHog(connector);
    connector.mocks.on("GET", RELEASES, { json: [release("v1.1.0", "2024-04-20T09:00:00Z")] });
    connector.startSchedule();
    await clock.advance(59 * 60_000);
    expect(connector.requests.filter((r) => r.url === RELEASES)).toHaveLength(1);
    await clock.advance(2 * 60_000);
    expect(connector.requests.filter((r) => r.url === RELEASES)).toHaveLength(2);
    expect(ph.posts).toHaveLength(1);
    expect(connector.captured).toHaveLength(1);
    await connector.teardown();
  });

  it("skips every run while lastRun is less than an hour old", async () => {
    const connector = await connect();
    await connector.meta.cache.set("lastRun", Date.now() - 20 * 60_000);
    await connector.runTask("runEveryMinute");
    expect(connector.requests).toEqual([]);
  });

  it("follows next with its query string across annotation pages (example C)", async () => {
    const connector = await connect();
    const ph = fakePostHog(connector, ["v1", "v2", "v3"], 2);
    connector.mocks.on("GET", RELEASES, { json: ["v4", "v3", "v2", "v1"].map((n) => release(n, "2024-01-01T00:00:00Z")) });
    await connector.runTask("runEveryMinute");
    expect(connector.requests.filter((r) => r.method === "GET").map((r) => r.url)).toEqual([
      "https://ph.test/api/projects/@current/annotations?token=phc_t",
      "https://ph.test/api/projects/7/annotations/?limit=2&offset=2&token=phc_t",
      RELEASES,
    ]);
    expect(ph.posts.map((p) => (p.body as { content: string }).content)).toEqual(["v4"]);
  });

  it("skips drafts, uses tag_name for an unnamed release", async () => {
    const connector = await connect();
    const ph = fakePostHog(connector);
    connector.mocks.on("GET", RELEASES, { json: [release("v3", null, { draft: true }), release(null, "2024-04-01T00:00:00Z", { tag_name: "v2.0.0" }), release("", "2024-03-01T00:00:00Z", { tag_name: "v1.9.0" })] });
    await connector.runTask("runEveryMinute");
    expect(ph.posts.map((p) => (p.body as { content: string }).content)).toEqual(["v2.0.0", "v1.9.0"]);
  });

  it("logs a failed annotation, goes on with the next and retries it on the next hourly run", async () => {
    const clock = syncedClock();
    const connector = await connect({}, clock);
    const ph = fakePostHog(connector);
    ph.failNextPost.push(400);
    connector.mocks.on("GET", RELEASES, { json: [release("v2", "2024-04-01T00:00:00Z"), release("v1", "2024-03-01T00:00:00Z")] });
    await connector.runTask("runEveryMinute");
    expect(connector.logs.filter((l) => l.level === "error").map((l) => l.message)).toEqual(['failed to create annotation v2 with status 400 and error {"detail":"nope"}']);
    expect(connector.captured.map((e) => e.properties.release)).toEqual(["v1"]);
    await clock.advance(3_600_000);
    await connector.runTask("runEveryMinute");
    expect(connector.captured.map((e) => e.properties.release)).toEqual(["v1", "v2"]);
    expect(ph.annotations.map((a) => a.content)).toEqual(["v1", "v2"]);
  });

  it("resumes after a crash in the middle of the releases: every release annotated and captured once", async () => {
    const connector = await connect();
    const ph = fakePostHog(connector);
    connector.mocks.on("GET", RELEASES, { json: ["v3", "v2", "v1"].map((n) => release(n, "2024-01-01T00:00:00Z")) });
    ph.failNextPost.push(0, -1);
    await expect(connector.runTask("runEveryMinute")).rejects.toThrow(/ECONNRESET/);
    expect(await connector.meta.cache.get("lastRun", null)).toBeNull();
    await connector.runTask("runEveryMinute");
    await connector.runTask("runEveryMinute");
    expect(ph.annotations.map((a) => a.content)).toEqual(["v3", "v2", "v1"]);
    expect(connector.captured.map((e) => e.properties.release)).toEqual(["v3", "v2", "v1"]);
  });

  it("throws on an annotations answer without results and leaves lastRun unset", async () => {
    const connector = await connect();
    connector.mocks.on("GET", "https://ph.test/*", { status: 401, json: { detail: "Invalid token" } });
    await expect(connector.runTask("runEveryMinute")).rejects.toThrow('Could not load annotations. Response: {"detail":"Invalid token"}');
    expect(await connector.meta.cache.get("lastRun", null)).toBeNull();
  });

  it("throws when GitHub does not answer a list, and retries the next minute", async () => {
    const clock = syncedClock("2024-05-01T09:59:30.000Z");
    const connector = await connect({}, clock);
    fakePostHog(connector);
    connector.mocks.once("GET", RELEASES, { status: 404, json: { message: "Not Found" } });
    connector.mocks.on("GET", RELEASES, { json: [release("v1", "2024-01-01T00:00:00Z")] });
    connector.startSchedule();
    await clock.advance(2 * 60_000);
    expect(connector.errors).toEqual([{ hook: "runEveryMinute", message: expect.stringContaining('Could not load tags from Github. Response: {"message":"Not Found"}') }]);
    expect(connector.captured.map((e) => e.properties.release)).toEqual(["v1"]);
    await connector.teardown();
  });

  it("waits for Retry-After when GitHub rate limits", async () => {
    const clock = syncedClock();
    const connector = await connect({}, clock);
    fakePostHog(connector);
    connector.mocks.once("GET", RELEASES, { status: 429, headers: { "retry-after": "300" }, json: { message: "API rate limit exceeded" } });
    connector.mocks.on("GET", RELEASES, { json: [release("v1", "2024-01-01T00:00:00Z")] });
    await connector.runTask("runEveryMinute");
    await clock.advance(299_000);
    await connector.runTask("runEveryMinute");
    expect(connector.requests.filter((r) => r.url === RELEASES)).toHaveLength(1);
    await clock.advance(1_000);
    await connector.runTask("runEveryMinute");
    expect(connector.captured).toHaveLength(1);
  });

  it("sends Basic auth to GitHub when a token is set, without showing it", async () => {
    const connector = await connect({ ghToken: "ghp_secret" });
    fakePostHog(connector);
    const auth: Array<string | undefined> = [];
    connector.mocks.on("GET", RELEASES, (r) => (auth.push(r.headers.authorization), { json: [] }));
    await connector.runTask("runEveryMinute");
    expect(auth).toEqual([`Basic ${Buffer.from("acme:ghp_secret").toString("base64")}`]);
    expect(JSON.stringify(connector.requests)).not.toContain(Buffer.from("acme:ghp_secret").toString("base64"));
  });

  it("normalises the PostHog host", () => {
    expect(normalizeHost("ph.test/", "https://app.posthog.com")).toBe("https://ph.test");
    expect(normalizeHost("", "https://app.posthog.com")).toBe("https://app.posthog.com");
    expect(normalizeHost("http://ph.local//", "x")).toBe("http://ph.local");
  });

  it("rejects a config without the API keys or the repository", async () => {
    await expect(connect({ posthogPersonalApiKey: "" })).rejects.toThrow(/posthogPersonalApiKey/);
    await expect(connect({ ghRepo: "" })).rejects.toThrow(/ghRepo/);
  });
});
