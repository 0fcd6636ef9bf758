import { createSyncedClock, createTestConnector } from "@connectors/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as plugin from "./index.ts";

const dir = import.meta.dirname;
const URL_ACME = "https://cdn.syndication.twimg.com/widgets/followbutton/info.json?screen_names=acme_dev";
const entry = (followers_count: number) => [{ id: "1", screen_name: "acme_dev", name: "Acme", followers_count, formatted_followers_count: `${followers_count} followers`, following: false, protected: false, age_gated: false }];

/** Clocks here also move `Date`: the connector reads the day from `Date`. */
const syncedClock = (start = "2024-05-01T10:00:00.000Z") => createSyncedClock(vi, start);

const connect = (twitterHandle: string, clock = syncedClock()) => createTestConnector(dir, { module: plugin, clock, config: { twitterHandle } });

/** Runs setupPlugin against a healthy endpoint, so the requests after it are the daily run's. */
async function setupOk(connector: Awaited<ReturnType<typeof connect>>) {
  connector.mocks.once("GET", URL_ACME, { json: entry(1) });
  await connector.setup();
  connector.records.requests.clear();
}

afterEach(() => vi.useRealTimers());

describe("twitter-followers", () => {
  it("strips the @ in setup and in the daily run, then captures the count (example A)", async () => {
    const connector = await connect(" @acme_dev ");
    connector.mocks.on("GET", URL_ACME, { json: entry(5321) });
    await connector.setup();
    await connector.runTask("runEveryDay");
    expect(connector.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${URL_ACME}`, `GET ${URL_ACME}`]);
    expect(connector.captured).toEqual([expect.objectContaining({ event: "twitter_followers", distinct_id: "Twitter Followers", timestamp: "2024-05-01T10:00:00.000Z", properties: expect.objectContaining({ follower_count: 5321 }) })]);
  });

  it("retries once after a network error (example B)", async () => {
    const connector = await connect("acme_dev");
    await setupOk(connector);
    connector.mocks.once("GET", URL_ACME, { error: "ECONNRESET" }).on("GET", URL_ACME, { json: entry(77) });
    await connector.runTask("runEveryDay");
    expect(connector.requests.map((r) => r.error ?? r.status)).toEqual([expect.stringContaining("ECONNRESET"), 200]);
    expect(connector.captured.map((e) => e.properties.follower_count)).toEqual([77]);
  });

  it("fails with the URL when both attempts throw, capturing nothing", async () => {
    const connector = await connect("acme_dev");
    await setupOk(connector);
    connector.mocks.on("GET", URL_ACME, { error: "ECONNRESET" });
    await expect(connector.runTask("runEveryDay")).rejects.toThrow(`GET request to ${URL_ACME} failed.`);
    expect(connector.requests).toHaveLength(2);
    expect(connector.captured).toEqual([]);
  });

  it.each([
    ["empty", "", null],
    ["only an @", "@", null],
    ["unknown (the endpoint answers [])", "nobody_here", { json: [] }],
    ["refused by the endpoint", "acme_dev", { status: 404, body: "not found" }],
  ])("refuses a handle that is %s in setupPlugin (example C)", async (_, handle, response) => {
    const connector = await connect(handle);
    if (response) connector.mocks.on("GET", "https://cdn.syndication.twimg.com/*", response);
    await expect(connector.setup()).rejects.toThrow("Invalid Twitter handle.");
    expect(connector.requests).toHaveLength(response ? 1 : 0);
  });

  it.each([
    [429, { status: 429, headers: { "retry-after": "900" }, body: "rate limited" }],
    [200, { json: [] }],
    [200, { json: [{ screen_name: "acme_dev" }] }],
  ])("fails the daily run with a readable error (status %i) instead of a TypeError", async (status, response) => {
    const connector = await connect("acme_dev");
    await setupOk(connector);
    connector.mocks.on("GET", URL_ACME, response);
    await expect(connector.runTask("runEveryDay")).rejects.toThrow(`Could not read followers for acme_dev: status=${status}`);
    expect(connector.captured).toEqual([]);
  });

  it("captures once per day on the midnight schedule and never twice for the same day", async () => {
    const clock = syncedClock("2024-05-01T23:00:00.000Z");
    const connector = await connect("acme_dev", clock);
    await setupOk(connector);
    let followers = 100;
    connector.mocks.on("GET", URL_ACME, () => ({ json: entry(followers++) }));
    connector.startSchedule();
    await clock.advance(3 * 86_400_000);
    await connector.runTask("runEveryDay");
    expect(connector.captured.map((e) => [e.timestamp, e.properties.follower_count])).toEqual([
      ["2024-05-02T00:00:00.000Z", 100],
      ["2024-05-03T00:00:00.000Z", 101],
      ["2024-05-04T00:00:00.000Z", 102],
    ]);
    expect(await connector.meta.storage.get("last-captured-day", null)).toBe("2024-05-04");
    expect(connector.requests).toHaveLength(3);
    await connector.teardown();
  });

  it("tries again the same day after a failed run", async () => {
    const connector = await connect("acme_dev");
    await setupOk(connector);
    connector.mocks.once("GET", URL_ACME, { status: 503 }).on("GET", URL_ACME, { json: entry(9) });
    await expect(connector.runTask("runEveryDay")).rejects.toThrow("status=503");
    await connector.runTask("runEveryDay");
    await connector.runTask("runEveryDay");
    expect(connector.captured.map((e) => e.properties.follower_count)).toEqual([9]);
  });

  it("URL-encodes the handle", async () => {
    const connector = await connect("a b&c");
    connector.mocks.once("GET", "https://cdn.syndication.twimg.com/widgets/followbutton/info.json?screen_names=a%20b%26c", { json: entry(1) });
    connector.mocks.on("GET", "https://cdn.syndication.twimg.com/widgets/followbutton/info.json?screen_names=a%20b%26c", { json: entry(1) });
    await connector.runTask("runEveryDay");
    expect(connector.captured).toHaveLength(1);
  });

  it("rejects a non-string handle", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { twitterHandle: 5 } })).rejects.toThrow(/twitterHandle must be a string/);
  });
});
