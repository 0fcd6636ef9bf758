import { VirtualClock, createTestConnector } from "@connectors/testkit";
import { describe, expect, it } from "vitest";
import * as plugin from "./index.ts";
import type { Star } from "./lib/github-api.ts";

const dir = import.meta.dirname;

/** Storage backend in memory (what the harness keeps per test), shared between connector instances. */
class MemoryStorage {
  readonly values = new Map<string, string>();
  async get(key: string) { return this.values.get(key); }
  async set(key: string, value: string) { this.values.set(key, value); }
  async setIfAbsent(key: string, value: string) { if (!this.values.has(key)) this.values.set(key, value); }
  async increment(key: string, by: number) { const next = Number(JSON.parse(this.values.get(key) ?? "0")) + by; this.values.set(key, JSON.stringify(next)); return next; }
  async del(key: string) { this.values.delete(key); }
  async keys(prefix: string) { return [...this.values.keys()].filter((k) => k.startsWith(prefix)); }
}
const REPO_URL = "https://api.github.com/repos/acme/widgets";
const pageUrl = (page: number, id = 4242) => `https://api.github.com/repositories/${id}/stargazers?page=${page}&per_page=100`;
const star = (login: string, id: number, starred_at: string): Star => ({ starred_at, user: { login, id, url: `https://api.github.com/users/${login}`, avatar_url: `https://avatars.test/${id}` } });
/** `count` stars one minute apart from 2022-01-01, user ids from `from`. */
const stars = (from: number, count: number): Star[] =>
  Array.from({ length: count }, (_, i) => star(`u${from + i}`, from + i, new Date(Date.UTC(2022, 0, 1) + (from + i) * 60_000).toISOString().replace(".000", "")));
const ana = star("ana", 11, "2023-03-01T08:00:00Z");
const bo = star("bo", 12, "2023-03-02T09:30:00Z");
const cy = star("cy", 13, "2023-04-10T12:00:00Z");

async function connect(config: Record<string, unknown> = {}, options: { storage?: MemoryStorage; clock?: VirtualClock } = {}) {
  const clock = options.clock ?? new VirtualClock("2024-05-01T10:00:00.000Z");
  const connector = await createTestConnector(dir, { module: plugin, clock, storage: options.storage ?? new MemoryStorage(), config: { user: "acme", repo: "widgets", token: "ghp_x", ...config } });
  connector.mocks.on("GET", REPO_URL, { json: { id: 4242, full_name: "acme/widgets" } });
  return { connector, clock };
}

const capturedLogins = (connector: { captured: Array<{ properties: Record<string, unknown> }> }) => connector.captured.map((e) => e.properties.user);

describe("github-star-sync", () => {
  it("imports the stars of a small repo and snoozes when caught up (example A)", async () => {
    const { connector } = await connect();
    const seen: Array<Record<string, string>> = [];
    connector.mocks.on("GET", pageUrl(1), (request) => (seen.push(request.headers), { json: [ana, bo] }));
    await connector.runTask("runEveryMinute");
    expect(seen[0]).toMatchObject({ accept: "application/vnd.github.v3.star+json", authorization: "token ghp_x" });
    expect(connector.requests.map((r) => r.url)).toEqual([REPO_URL, pageUrl(1)]);
    expect(connector.captured.map(({ event, distinct_id, timestamp, properties }) => ({ event, distinct_id, timestamp, ...properties }))).toEqual([
      expect.objectContaining({ event: "GitHub Star", distinct_id: "Github Star Sync", timestamp: "2023-03-01T08:00:00.000Z", repository: "acme/widgets", starred_at: "2023-03-01T08:00:00Z", user: "ana", user_id: 11, user_url: "https://api.github.com/users/ana", avatar: "https://avatars.test/11" }),
      expect.objectContaining({ event: "GitHub Star", timestamp: "2023-03-02T09:30:00.000Z", user: "bo", user_id: 12 }),
    ]);
    const storage = connector.meta.storage;
    expect(await storage.get("projectCache", null)).toEqual({ projectId: 4242, user: "acme", repo: "widgets" });
    expect(await storage.get("lastCapturedTime-4242", null)).toBe("2023-03-02T09:30:00Z");
    expect(await storage.get("page-4242", "unset")).toBe("unset");
    expect(await connector.meta.cache.get("snoozing", false)).toBe(true);
  });

  it("picks up a later star under a custom event name once the 300 s snooze expired, never repeating (example B)", async () => {
    const { connector, clock } = await connect({ eventName: "star" });
    connector.mocks.once("GET", pageUrl(1), { json: [ana, bo] }).on("GET", pageUrl(1), { json: [ana, bo, cy] });
    await connector.runTask("runEveryMinute");
    await connector.runTask("runEveryMinute"); // snoozed: no request
    expect(connector.requests.filter((r) => r.url === pageUrl(1))).toHaveLength(1);
    await clock.advance(300_000);
    await connector.runTask("runEveryMinute");
    await clock.advance(300_000);
    await connector.runTask("runEveryMinute");
    expect(connector.captured.map((e) => [e.event, e.properties.user])).toEqual([["star", "ana"], ["star", "bo"], ["star", "cy"]]);
    expect(await connector.meta.storage.get("lastCapturedTime-4242", null)).toBe("2023-04-10T12:00:00Z");
  });

  it("snoozes 600 s on a rate-limit message, storage unchanged (example C)", async () => {
    const { connector, clock } = await connect();
    connector.mocks.once("GET", pageUrl(1), { status: 403, json: { message: "API rate limit exceeded for 1.2.3.4.", documentation_url: "https://docs.github.com" } });
    connector.mocks.on("GET", pageUrl(1), { json: [ana] });
    await connector.runTask("runEveryMinute");
    expect(connector.captured).toEqual([]);
    expect(await connector.meta.storage.get("lastCapturedTime-4242", null)).toBeNull();
    await clock.advance(599_000);
    await connector.runTask("runEveryMinute");
    expect(connector.captured).toEqual([]);
    await clock.advance(1_000);
    await connector.runTask("runEveryMinute");
    expect(capturedLogins(connector)).toEqual(["ana"]);
  });

  it("honours Retry-After on a 429", async () => {
    const { connector, clock } = await connect();
    connector.mocks.once("GET", pageUrl(1), { status: 429, headers: { "retry-after": "120" }, body: "slow down" });
    connector.mocks.on("GET", pageUrl(1), { json: [ana] });
    await connector.runTask("runEveryMinute");
    await clock.advance(119_000);
    await connector.runTask("runEveryMinute");
    expect(connector.requests.filter((r) => r.url === pageUrl(1))).toHaveLength(1);
    await clock.advance(1_000);
    await connector.runTask("runEveryMinute");
    expect(capturedLogins(connector)).toEqual(["ana"]);
  });

  it("pages through 250 stars on the schedule; a failed page 2 is read again and every star is captured once", async () => {
    const clock = new VirtualClock("2024-05-01T10:00:30.000Z");
    const { connector } = await connect({}, { clock });
    const all = stars(0, 250);
    connector.mocks.on("GET", pageUrl(1), { json: all.slice(0, 100) });
    connector.mocks.once("GET", pageUrl(2), { error: "ECONNRESET" });
    connector.mocks.on("GET", pageUrl(2), { json: all.slice(100, 200) });
    connector.mocks.on("GET", pageUrl(3), { json: all.slice(200) });
    connector.startSchedule();
    await clock.advance(60_000); // page 1
    expect(await connector.meta.storage.get("page-4242", 1)).toBe(2);
    await clock.advance(60_000); // page 2 fails
    expect(connector.errors).toEqual([{ hook: "runEveryMinute", message: expect.stringContaining("ECONNRESET") }]);
    expect(await connector.meta.storage.get("page-4242", 1)).toBe(2);
    await clock.advance(3 * 60_000); // page 2 again, page 3, then snoozed
    expect(connector.requests.map((r) => r.url.replace(/.*[?]page=(\d+)&.*/, "$1"))).toEqual(["https://api.github.com/repos/acme/widgets", "1", "2", "2", "3"]);
    expect(capturedLogins(connector)).toEqual(all.map((s) => s.user.login));
    expect(await connector.meta.storage.get("page-4242", 1)).toBe(3);
    expect(await connector.meta.storage.get("lastCapturedTime-4242", null)).toBe(all[249]!.starred_at);
    await clock.advance(10 * 60_000); // page 3 re-read twice after snoozes, nothing new
    expect(connector.captured).toHaveLength(250);
    await connector.teardown();
  });

  it("resumes from the stored cursor after a crash in the middle of a page, without loss or repeats", async () => {
    class FlakyStorage extends MemoryStorage {
      writes = 0;
      override async set(key: string, value: string) {
        if (key.includes("lastCapturedTime") && ++this.writes === 40) throw new Error("storage unavailable");
        return super.set(key, value);
      }
    }
    const { connector } = await connect({}, { storage: new FlakyStorage() });
    const page = stars(0, 80);
    connector.mocks.on("GET", pageUrl(1), { json: page });
    await expect(connector.runTask("runEveryMinute")).rejects.toThrow("storage unavailable");
    await connector.runTask("runEveryMinute");
    const logins = capturedLogins(connector);
    // the star whose cursor write failed was captured before the crash and is captured again: at-least-once for that one star only
    expect(new Set(logins)).toEqual(new Set(page.map((s) => s.user.login)));
    expect(logins.length).toBe(81);
    expect(logins.filter((l) => l === "u39")).toHaveLength(2);
  });

  it("keeps two stars of the same second apart across a page boundary", async () => {
    const { connector, clock } = await connect();
    const full = stars(0, 99);
    const same = "2030-01-01T00:00:00Z";
    connector.mocks.on("GET", pageUrl(1), { json: [...full, star("x", 500, same)] });
    connector.mocks.on("GET", pageUrl(2), { json: [star("y", 501, same)] });
    await connector.runTask("runEveryMinute");
    await connector.runTask("runEveryMinute");
    await clock.advance(300_000);
    await connector.runTask("runEveryMinute");
    expect(capturedLogins(connector).slice(-2)).toEqual(["x", "y"]);
    expect(connector.captured).toHaveLength(101);
  });

  it("logs and snoozes 300 s on other failures (404, 422 beyond page 400) without touching storage", async () => {
    const { connector, clock } = await connect();
    await connector.meta.storage.set("page-4242", 401);
    connector.mocks.once("GET", pageUrl(401), { status: 422, json: { message: "In order to keep the API fast for everyone, pagination is limited for this resource." } });
    connector.mocks.once("GET", pageUrl(401), { status: 404, json: { message: "Not Found" } });
    await connector.runTask("runEveryMinute");
    expect(connector.logs.filter((l) => l.level === "error").map((l) => l.message)).toEqual([expect.stringContaining("GitHub stargazers request failed: status=422 message=In order to keep")]);
    expect(await connector.meta.cache.get("snoozing", false)).toBe(true);
    await clock.advance(300_000);
    await connector.runTask("runEveryMinute");
    expect(connector.logs.at(-1)!.message).toBe("GitHub stargazers request failed: status=404 message=Not Found");
    expect(await connector.meta.storage.get("page-4242", 1)).toBe(401);
    expect(connector.captured).toEqual([]);
  });

  it("reuses projectCache for the same repo without a request, and looks up again for another repo", async () => {
    const storage = new MemoryStorage();
    await storage.set("1/projectCache", JSON.stringify({ projectId: 77, user: "acme", repo: "widgets" }));
    const { connector } = await connect({ token: "" }, { storage });
    connector.mocks.on("GET", pageUrl(1, 77), (request) => ({ json: request.headers.authorization ? [] : [ana] }));
    await connector.runTask("runEveryMinute");
    expect(connector.requests.map((r) => r.url)).toEqual([pageUrl(1, 77)]);
    expect(capturedLogins(connector)).toEqual(["ana"]);

    const other = await connect({ repo: "gadgets" }, { storage });
    other.connector.mocks.on("GET", "https://api.github.com/repos/acme/gadgets", { json: { id: 99 } });
    await other.connector.setup();
    expect(await other.connector.meta.storage.get("projectCache", null)).toEqual({ projectId: 99, user: "acme", repo: "gadgets" });
  });

  it("starts over from page 1 on every setup while resetStorage is Yes", async () => {
    const storage = new MemoryStorage();
    const first = await connect({}, { storage });
    first.connector.mocks.on("GET", pageUrl(1), { json: [ana, bo] });
    await first.connector.runTask("runEveryMinute");
    const again = await connect({ resetStorage: "Yes" }, { storage });
    again.connector.mocks.on("GET", pageUrl(1), { json: [ana, bo] });
    await again.connector.runTask("runEveryMinute");
    expect(capturedLogins(again.connector)).toEqual(["ana", "bo"]);
    const notReset = await connect({ resetStorage: "No" }, { storage });
    notReset.connector.mocks.on("GET", pageUrl(1), { json: [ana, bo] });
    await notReset.connector.runTask("runEveryMinute");
    expect(notReset.connector.captured).toEqual([]);
  });

  it.each([
    [{ status: 404, json: { message: "Not Found" } }],
    [{ status: 200, json: { full_name: "acme/widgets" } }],
  ])("fails setup when the repository id cannot be found (%j)", async (response) => {
    const connector = await createTestConnector(dir, { module: plugin, config: { user: "acme", repo: "widgets" } });
    connector.mocks.on("GET", REPO_URL, response);
    await expect(connector.setup()).rejects.toThrow("Could not get ID for Github project: acme/widgets");
  });

  it("calls GitHub without Authorization when no token is set", async () => {
    const { connector } = await connect({ token: "" });
    const auth: Array<string | undefined> = [];
    connector.mocks.on("GET", pageUrl(1), (r) => (auth.push(r.headers.authorization), { json: [] }));
    await connector.runTask("runEveryMinute");
    expect(auth).toEqual([undefined]);
  });

  it("never shows the token in recorded requests", async () => {
    const { connector } = await connect();
    connector.mocks.on("GET", pageUrl(1), { json: [] });
    await connector.runTask("runEveryMinute");
    expect(JSON.stringify(connector.requests)).not.toContain("ghp_x");
  });

  it("rejects a config without user or repo", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { repo: "widgets" } })).rejects.toThrow(/user/);
    await expect(createTestConnector(dir, { module: plugin, config: { user: "acme", repo: "" } })).rejects.toThrow(/repo/);
  });
});
