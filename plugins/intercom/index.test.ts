import { createTestConnector, VirtualClock } from "@connectors/testkit";
import { describe, expect, it } from "vitest";
import identify from "./fixtures/identify.json" with { type: "json" };
import signedUp from "./fixtures/signed-up.json" with { type: "json" };
import * as plugin from "./index.ts";
import { toSeconds } from "./lib/to-seconds.ts";

const dir = import.meta.dirname;
const US = "https://api.intercom.io";
const EU = "https://api.eu.intercom.com";
const config = { intercomApiKey: "tok_abc", triggeringEvents: "$identify, signed_up", ignoredEmailDomains: "posthog.com", useEuropeanDataStorage: "No" };
const headers = { accept: "application/json", "content-type": "application/json", authorization: "[REDACTED]" };

async function setup(overrides: Record<string, unknown> = {}, clock = new VirtualClock("2024-03-05T10:30:00.000Z")) {
  const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...overrides }, clock });
  const auth: string[] = [];
  const answer = (base: string, search: { status?: number; json?: unknown; error?: string } = { json: { type: "list", total_count: 1, data: [] } }, events: { status?: number; json?: unknown; error?: string } = { status: 202 }) => {
    connector.mocks.on("POST", `${base}/contacts/search`, (request) => (auth.push(request.headers.authorization!), search));
    connector.mocks.on("POST", `${base}/events`, events);
  };
  return { connector, auth, answer, clock };
}

describe("intercom", () => {
  it("searches the contact, then sends the spec's first example with created_at in seconds (bug fix: not null)", async () => {
    const { connector, auth, answer } = await setup();
    answer(US);
    await connector.onEvent(structuredClone(signedUp));
    expect(connector.requests).toEqual([
      { method: "POST", url: `${US}/contacts/search`, headers, body: '{"query":{"field":"email","operator":"=","value":"lin@example.org"}}', status: 200, via: "mock" },
      { method: "POST", url: `${US}/events`, headers, body: '{"event_name":"signed_up","created_at":1709634030,"email":"lin@example.org","id":"u-5"}', status: 202, via: "mock" },
    ]);
    expect(auth).toEqual(["Bearer tok_abc"]);
    expect(connector.logs.at(-1)?.message).toBe("Sent event signed_up for lin@example.org to Intercom");
  });

  it("uses the EU host and a numeric timestamp as seconds (spec's second example)", async () => {
    const { connector, answer } = await setup({ useEuropeanDataStorage: "Yes" });
    answer(EU);
    await connector.onEvent(structuredClone(identify));
    expect(connector.requests.map((r) => [r.url, r.body])).toEqual([
      [`${EU}/contacts/search`, '{"query":{"field":"email","operator":"=","value":"kim@example.net"}}'],
      [`${EU}/events`, '{"event_name":"$identify","created_at":1709634000,"email":"kim@example.net","id":"kim@example.net"}'],
    ]);
  });

  it("does not send the event when the contact does not exist", async () => {
    const { connector, answer } = await setup();
    answer(US, { json: { type: "list", total_count: 0, data: [] } });
    await connector.onEvent(structuredClone(signedUp));
    expect(connector.requests.map((r) => r.url)).toEqual([`${US}/contacts/search`]);
  });

  it("logs a search error answer and stops", async () => {
    const { connector, answer } = await setup();
    answer(US, { status: 401, json: { type: "error.list", errors: [{ code: "unauthorized", message: "Access Token Invalid" }] } });
    await connector.onEvent(structuredClone(signedUp));
    expect(connector.requests).toHaveLength(1);
    expect(connector.logs.at(-1)).toMatchObject({ level: "error", message: "Unable to search contact lin@example.org in Intercom. Status Code: 401. Error message: Access Token Invalid" });
  });

  it("logs a 200 search answer carrying errors", async () => {
    const { connector, answer } = await setup();
    answer(US, { json: { errors: [{ message: "bad query" }] } });
    await connector.onEvent(structuredClone(signedUp));
    expect(connector.logs.at(-1)?.message).toContain("Error message: bad query");
  });

  it("logs a 4xx on the event submission without throwing", async () => {
    const { connector, answer } = await setup();
    answer(US, undefined, { status: 400, json: { errors: [{ message: "invalid event" }] } });
    await connector.onEvent(structuredClone(signedUp));
    expect(connector.errors).toEqual([]);
    expect(connector.logs.at(-1)).toMatchObject({ level: "error", message: "Error sending event signed_up to Intercom for lin@example.org. Status Code: 400. Error message: invalid event" });
  });

  it.each([
    ["a non-triggering event", { event: "$pageview" }],
    ["an ignored email domain", { distinct_id: "dev@posthog.com", properties: {} }],
  ])("sends nothing for %s", async (_what, change) => {
    const { connector } = await setup();
    await connector.onEvent({ ...structuredClone(signedUp), ...change });
    expect(connector.requests).toEqual([]);
  });

  it("warns and sends nothing without an email", async () => {
    const { connector } = await setup();
    await connector.onEvent({ ...structuredClone(signedUp), properties: {} });
    expect(connector.requests).toEqual([]);
    expect(connector.logs.at(-1)).toMatchObject({ level: "warn", message: "This event will not be sent to Intercom because no 'email' was found in the event properties." });
  });

  it("enqueues sendToIntercom with runNow", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config, autoRunJobs: false, clock: new VirtualClock() });
    await connector.onEvent(structuredClone(signedUp));
    expect(connector.jobs.pending.map((j) => [j.name, j.payload])).toEqual([
      ["sendToIntercom", { email: "lin@example.org", event: "signed_up", userId: "u-5", timestamp: 1709634030, uuid: signedUp.uuid }],
    ]);
  });

  it("retries a network error on the clock after 6/12/24 s, then fails with RetryError naming the event", async () => {
    const { connector, answer, clock } = await setup();
    answer(US, { error: "ECONNRESET" });
    await connector.onEvent(structuredClone(signedUp));
    expect(connector.requests).toHaveLength(1);
    for (const wait of [6_000, 12_000, 24_000]) {
      await clock.advance(wait);
      await connector.runDueJobs();
    }
    expect(connector.requests).toHaveLength(4);
    expect(connector.errors).toEqual([{ hook: "job sendToIntercom", message: expect.stringContaining("Service is down, retry later") }]);
    expect(connector.logs.filter((l) => l.level === "error").map((l) => l.message)).toContain(`Event signed_up (${signedUp.uuid}) for lin@example.org not sent to Intercom: Service is down, retry later (fetch failed: ECONNRESET)`);
  });

  it("delivers after Intercom recovers from a 503", async () => {
    const { connector, clock } = await setup();
    connector.mocks.once("POST", `${US}/contacts/search`, { status: 503 });
    connector.mocks.on("POST", `${US}/contacts/search`, { json: { total_count: 1 } });
    connector.mocks.on("POST", `${US}/events`, { status: 202 });
    await connector.onEvent(structuredClone(signedUp));
    await clock.advance(6_000);
    await connector.runDueJobs();
    expect(connector.requests.map((r) => `${r.url} ${r.status}`)).toEqual([`${US}/contacts/search 503`, `${US}/contacts/search 200`, `${US}/events 202`]);
    expect(connector.errors).toEqual([]);
  });

  it("refuses a config without the API key", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { triggeringEvents: "$identify" } })).rejects.toThrow(/intercomApiKey/);
  });
});

describe("toSeconds", () => {
  it.each([
    ["2024-03-05T10:20:30.456Z", undefined, 1709634030],
    ["1709634000", undefined, 1709634000],
    [1709634001, undefined, 1709634001],
    ["garbage", "2024-03-05T10:20:00.000Z", 1709634000],
    [undefined, undefined, 1709634600],
  ])("%j (sent_at %j) -> %i", (timestamp, sentAt, seconds) => expect(toSeconds(timestamp, sentAt, Date.parse("2024-03-05T10:30:00.999Z"))).toBe(seconds));
});
