import { catchHookFailure, createTestConnector, VirtualClock } from "@connectors/testkit";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import identify from "./fixtures/identify.json" with { type: "json" };
import pageview from "./fixtures/pageview.json" with { type: "json" };
import * as plugin from "./index.ts";
import { isEmail } from "./lib/find-email.ts";

const dir = import.meta.dirname;
const INFO = "https://api.customer.io/v1/api/info/ip_addresses";
const TRACK = "https://track.customer.io/api/v1/customers";
const AUTH = "Basic c2l0ZTEyMzprZXk0NTY=";
const config = { customerioSiteId: "site123", customerioToken: "key456", host: "track.customer.io", sendEventsFromAnonymousUsers: "Send all events" };
const common = { "user-agent": "PostHog Customer.io App", authorization: "[REDACTED]" };
const json = { ...common, "content-type": "application/json" };

async function setup(overrides: Record<string, unknown> = {}, responses: { put?: object; post?: object; info?: object } = {}, clock?: VirtualClock) {
  const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...overrides }, ...(clock ? { clock } : {}) });
  const auth: string[] = [];
  connector.mocks.on("GET", INFO, (request) => (auth.push(request.headers.authorization!), responses.info ?? { status: 200, json: { ip_addresses: [] } }));
  connector.mocks.on("PUT", `${TRACK}/*`, responses.put ?? { status: 200, json: {} });
  connector.mocks.on("POST", `${TRACK}/*`, responses.post ?? { status: 200, json: {} });
  return { connector, auth };
}

const event = (name: string, distinct_id: string, extra: Record<string, unknown> = {}) =>
  ({ event: name, distinct_id, uuid: `u-${name}-${distinct_id}`, team_id: 2, timestamp: "2024-03-05T10:25:00.000Z", properties: {}, ...extra }) as unknown as ProcessedPluginEvent;

describe("customerio", () => {
  it("checks the credentials once, then sends the spec's first example (new person) and records the status", async () => {
    const { connector, auth } = await setup();
    await connector.exportEvents([structuredClone(identify) as never]);
    expect(connector.requests).toEqual([
      { method: "GET", url: INFO, headers: common, body: "", status: 200, via: "mock" },
      { method: "PUT", url: `${TRACK}/user-42`, headers: json, body: '{"email":"ada@example.com","plan":"pro","_update":false,"identifier":"user-42"}', status: 200, via: "mock" },
      { method: "POST", url: `${TRACK}/user-42/events`, headers: json, body: '{"name":"$identify","type":"event","timestamp":1709634030.456,"data":{"$browser":"Chrome"}}', status: 200, via: "mock" },
    ]);
    expect(auth).toEqual([AUTH]);
    expect(await connector.meta.storage.get("customer-status/user-42", null)).toEqual(["seen", "identified", "with_email"]);
    expect(await connector.meta.storage.get(AUTH, false)).toBe(true);

    await connector.exportEvents([structuredClone(pageview) as never]);
    expect(connector.requests.slice(3).map((r) => [r.method, r.url, r.body])).toEqual([
      ["PUT", `${TRACK}/user-42`, '{"_update":true,"identifier":"user-42"}'],
      ["POST", `${TRACK}/user-42/events`, '{"name":"$pageview","type":"page","timestamp":1709634300,"data":{"$current_url":"https://example.com/"}}'],
    ]);
  });

  it("skips the credential check when storage already holds it", async () => {
    const { connector } = await setup();
    await connector.meta.storage.set(AUTH, true);
    await connector.setup();
    expect(connector.requests).toEqual([]);
  });

  it("uses the EU track host", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { ...config, host: "track-eu.customer.io" } });
    connector.mocks.on("GET", INFO, { status: 200 }).on("*", "https://track-eu.customer.io/*", { status: 200 });
    await connector.exportEvents([event("clicked", "a b/c")]);
    expect(connector.requests.slice(1).map((r) => r.url)).toEqual(["https://track-eu.customer.io/api/v1/customers/a%20b%2Fc", "https://track-eu.customer.io/api/v1/customers/a%20b%2Fc/events"]);
  });

  it("never sends $create_alias; filters by the allowlist without trimming", async () => {
    const { connector } = await setup({ eventsToSend: "clicked, bought" });
    await connector.exportEvents([event("$create_alias", "d"), event("clicked", "d"), event("bought", "d"), event(" bought", "e")]);
    const sent = connector.requests.filter((r) => r.method === "POST").map((r) => JSON.parse(r.body).name);
    expect(sent).toEqual(["clicked", " bought"]);
    expect(connector.logs.at(-1)?.message).toBe("Sent 2 event(s) to Customer.io.");
  });

  it("with 'only users with emails', sends nothing for an anonymous first event but records it as seen", async () => {
    const { connector } = await setup({ sendEventsFromAnonymousUsers: "Only send events from users with emails" });
    await connector.exportEvents([event("clicked", "anon-1")]);
    expect(connector.requests.map((r) => r.method)).toEqual(["GET"]);
    expect(await connector.meta.storage.get("customer-status/anon-1", null)).toEqual(["seen"]);
    expect(connector.logs.at(-1)?.message).toBe("None passed filtering");
    // one batch is processed concurrently (quirk kept): "later" does not see this batch's email yet
    await connector.exportEvents([event("clicked", "anon-1", { $set: { email: "x@example.com" } }), event("later", "anon-1")]);
    await connector.exportEvents([event("later", "anon-1")]);
    expect(connector.requests.filter((r) => r.method === "POST").map((r) => JSON.parse(r.body).name)).toEqual(["clicked", "later"]);
  });

  it("with 'only identified users', an $identify passes itself and later events of that person pass", async () => {
    const { connector } = await setup({ sendEventsFromAnonymousUsers: "Only send events from users that have been identified" });
    await connector.exportEvents([event("clicked", "p")]);
    await connector.exportEvents([event("$identify", "p")]);
    await connector.exportEvents([event("clicked", "p")]);
    expect(connector.requests.filter((r) => r.method === "POST").map((r) => JSON.parse(r.body).name)).toEqual(["$identify", "clicked"]);
  });

  it("sends new persons' events before known persons' events", async () => {
    const { connector } = await setup();
    await connector.exportEvents([event("first", "known")]);
    await connector.exportEvents([event("second", "known"), event("hello", "new")]);
    expect(connector.requests.slice(3).map((r) => `${r.method} ${r.url}`)).toEqual([`PUT ${TRACK}/new`, `POST ${TRACK}/new/events`, `PUT ${TRACK}/known`, `POST ${TRACK}/known/events`]);
  });

  it("falls back to a valid-email distinct id when $set has no email (bug fix)", async () => {
    const { connector } = await setup();
    await connector.exportEvents([event("clicked", "zo@example.com", { $set: { plan: "x" } })]);
    expect(JSON.parse(connector.requests[1]!.body)).toEqual({ plan: "x", _update: false, identifier: "zo@example.com", email: "zo@example.com" });
    expect(await connector.meta.storage.get("customer-status/zo@example.com", null)).toEqual(["seen", "with_email"]);
  });

  it("ignores an invalid $set.email and keeps identifier/_update over $set keys", async () => {
    const { connector } = await setup();
    await connector.exportEvents([event("clicked", "anon", { $set: { email: "nope", identifier: "x", _update: "y" } })]);
    expect(JSON.parse(connector.requests[1]!.body)).toEqual({ email: "nope", identifier: "anon", _update: false });
  });

  it("sends a timestamp-less event with the current time", async () => {
    const { connector } = await setup();
    const before = Date.now() / 1000;
    await connector.exportEvents([{ ...event("x", "d"), timestamp: undefined } as never]);
    expect(JSON.parse(connector.requests[2]!.body).timestamp).toBeGreaterThanOrEqual(Math.floor(before));
  });

  it("logs and sends nothing for an empty batch", async () => {
    const { connector } = await setup();
    await connector.exportEvents([]);
    expect(connector.requests.map((r) => r.method)).toEqual(["GET"]);
  });

  it.each([
    [503, "RetryError", "Received a potentially intermittent error from the Customer.io API. Response 503: <html>busy</html>"],
    [429, "RetryError", 'Received a potentially intermittent error from the Customer.io API. Response 429: {"meta":{"error":"slow"}}'],
    [408, "RetryError", "Received a potentially intermittent error from the Customer.io API. Response 408: "],
    [401, "Error", "Customer.io Site ID or API Key invalid! Response 401: "],
    [400, "Error", "Received an unexpected error from the Customer.io API. Response 400: "],
  ])("classifies HTTP %i on the PUT as %s (non-JSON bodies kept as text)", async (status, name, message) => {
    const body = status === 503 ? { body: "<html>busy</html>" } : status === 429 ? { json: { meta: { error: "slow" } } } : { body: "" };
    const { connector } = await setup({}, { put: { status, ...body } });
    const error = await catchHookFailure(connector.exportEvents([event("clicked", "d")]));
    expect(error.cause.name).toBe(name);
    expect(error.cause.message).toBe(message);
  });

  it("throws RetryError when the API cannot be reached", async () => {
    const { connector } = await setup({}, { post: { error: "ENOTFOUND" } });
    const error = await catchHookFailure(connector.exportEvents([event("clicked", "d")]));
    expect(error.cause.name).toBe("RetryError");
    expect(error.cause.message).toBe("Cannot reach the Customer.io API. fetch failed: ENOTFOUND");
  });

  it("fails setup on invalid credentials (no retry)", async () => {
    const { connector } = await setup({}, { info: { status: 401, json: { meta: { error: "Unauthorized" } } } });
    await expect(connector.setup()).rejects.toThrow('Customer.io Site ID or API Key invalid! Response 401: {"meta":{"error":"Unauthorized"}}');
    expect(connector.secretsLogged).toBe(0);
  });

  it("retries a 503 batch through the host buffer on the clock, then reports its uuid", async () => {
    const clock = new VirtualClock();
    const { connector } = await setup({}, { put: { status: 503 } }, clock);
    await connector.onEvent(structuredClone(identify));
    await connector.flushExports();
    for (const wait of [6_000, 12_000, 24_000]) {
      await clock.advance(wait);
      await connector.runDueJobs();
    }
    expect(connector.requests.filter((r) => r.method === "PUT")).toHaveLength(4);
    expect(connector.errors).toEqual([expect.objectContaining({ hook: "exportEvents", eventUuids: [identify.uuid] })]);
  });

  it("rejects an unknown anonymous-user mode at config validation", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { ...config, sendEventsFromAnonymousUsers: "Everyone" } })).rejects.toThrow(/sendEventsFromAnonymousUsers/);
  });
});

describe("isEmail", () => {
  it.each([["ada@example.com", true], ["ADA@EXAMPLE.COM", true], ["a@[10.0.0.1]", true], ["a@b.c", false], ["user-42", false], ["a@b", false]])("%s -> %s", (value, ok) => expect(isEmail(value)).toBe(ok));
});
