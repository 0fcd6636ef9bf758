import { createTestConnector, VirtualClock } from "@connectors/testkit";
import { describe, expect, it } from "vitest";
import pageview from "./fixtures/pageview.json" with { type: "json" };
import upgraded from "./fixtures/upgraded.json" with { type: "json" };
import * as plugin from "./index.ts";
import { selectProperties } from "./lib/select-properties.ts";

const dir = import.meta.dirname;
const HOST = "https://acme.my.salesforce.com";
const TOKEN = `${HOST}/services/oauth2/token`;
const EVENTS = `${HOST}/services/apexrest/posthog/events`;
const config = {
  salesforceHost: HOST,
  eventPath: "services/apexrest/posthog/events",
  eventMethodType: "POST",
  username: "int@acme.com",
  password: "pw!1",
  consumerKey: "CK_consumer",
  consumerSecret: "CS_secret",
  eventsToInclude: "signed_up,upgraded",
  propertiesToInclude: "plan, seats",
};

async function setup(overrides: Record<string, unknown> = {}, token: object = { status: 200, json: { access_token: "TOKEN1", token_type: "Bearer" } }) {
  const clock = new VirtualClock("2024-03-05T10:00:00.000Z");
  const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...overrides }, clock });
  const forms: string[] = [];
  const auth: string[] = [];
  connector.mocks.on("POST", TOKEN, (request) => (forms.push(request.body), token));
  const answer = (...responses: object[]) =>
    connector.mocks.on("*", EVENTS, (request) => (auth.push(request.headers.authorization!), responses.length > 1 ? responses.shift()! : (responses[0] ?? { status: 200, json: {} })));
  return { connector, clock, forms, auth, answer };
}

describe("salesforce", () => {
  it("gets a token at setup and sends the spec's example after the 1 s buffer timeout", async () => {
    const { connector, clock, forms, auth, answer } = await setup();
    answer();
    await connector.onEvent(structuredClone(upgraded));
    expect(connector.requests.map((r) => r.url)).toEqual([TOKEN]);
    await clock.advance(1_000);
    expect(connector.requests).toEqual([
      { method: "POST", url: TOKEN, headers: { "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=password&client_id=[REDACTED]&client_secret=[REDACTED]&username=int%40acme.com&password=[REDACTED]", status: 200, via: "mock" },
      { method: "POST", url: EVENTS, headers: { "content-type": "application/json", authorization: "[REDACTED]" }, body: '{"plan":"team","seats":5}', status: 200, via: "mock" },
    ]);
    expect(forms).toEqual(["grant_type=password&client_id=CK_consumer&client_secret=CS_secret&username=int%40acme.com&password=pw!1"]);
    expect(auth).toEqual(["Bearer TOKEN1"]);
    expect(await connector.meta.cache.get("SF_AUTH_TOKEN", null)).toBe("TOKEN1");
  });

  it("sends nothing for an event not in eventsToInclude", async () => {
    const { connector, clock } = await setup();
    await connector.onEvent(structuredClone(pageview));
    await clock.advance(2_000);
    expect(connector.requests.map((r) => r.url)).toEqual([TOKEN]);
  });

  it("sends all properties with an empty propertiesToInclude, with the configured method", async () => {
    const { connector, answer } = await setup({ propertiesToInclude: " ", eventMethodType: "PUT" });
    answer();
    await connector.onEvent(structuredClone(upgraded));
    await connector.teardown();
    expect(connector.requests.at(-1)).toMatchObject({ method: "PUT", body: '{"seats":5,"plan":"team","$browser":"Chrome"}' });
  });

  it("flushes buffered events sequentially on teardown, reusing the cached token", async () => {
    const { connector, answer } = await setup();
    answer();
    await connector.onEvent(structuredClone(upgraded));
    await connector.onEvent({ ...structuredClone(upgraded), event: "signed_up", uuid: "u2", properties: { plan: "free" } });
    await connector.teardown();
    expect(connector.requests.map((r) => r.body)).toEqual([expect.any(String), '{"plan":"team","seats":5}', '{"plan":"free"}']);
  });

  it("stops the flush at the first failure and logs the failed and unsent uuids; a 401 drops the cached token", async () => {
    const { connector, answer } = await setup();
    answer({ status: 401, json: [{ errorCode: "INVALID_SESSION_ID" }] }, { status: 200 });
    await connector.onEvent(structuredClone(upgraded));
    await connector.onEvent({ ...structuredClone(upgraded), uuid: "u2" });
    await connector.teardown();
    expect(connector.requests.filter((r) => r.url === EVENTS)).toHaveLength(1);
    expect(connector.logs.at(-1)).toMatchObject({
      level: "error",
      message: `Failed to send event upgraded to Salesforce: Not a 200 response from event hook 401. Response: [{"errorCode":"INVALID_SESSION_ID"}]; not sent: ${upgraded.uuid}, u2`,
    });
    expect(await connector.meta.cache.get("SF_AUTH_TOKEN", null)).toBeNull();
  });

  it("logs a network error with the uuid instead of losing the event silently", async () => {
    const { connector, clock, answer } = await setup();
    answer({ error: "ECONNRESET" });
    await connector.onEvent(structuredClone(upgraded));
    await clock.advance(1_000);
    expect(connector.logs.at(-1)?.message).toContain(`not sent: ${upgraded.uuid}`);
  });

  it("flushes at once when the buffer passes 1 MB", async () => {
    const { connector, answer } = await setup({ propertiesToInclude: "" });
    answer();
    await connector.onEvent({ ...structuredClone(upgraded), properties: { blob: "x".repeat(1024 * 1024) } });
    expect(connector.requests.filter((r) => r.url === EVENTS)).toHaveLength(1);
  });

  it.each([
    [{ salesforceHost: "https://acme.my.salesforce.com.evil.io" }, "Invalid salesforce host"],
    [{ salesforceHost: "https://acmeXmyXsalesforceXcom" }, "Invalid salesforce host"],
    [{ password: "" }, "Password not provided!"],
    [{ eventsToInclude: "" }, "No events to include!"],
  ])("refuses config %j at setup", async (overrides, message) => {
    const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...overrides } });
    await expect(connector.setup()).rejects.toThrow(message);
    expect(connector.requests).toEqual([]);
  });

  it("refuses a config without host or username", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { ...config, salesforceHost: undefined } })).rejects.toThrow(/salesforceHost/);
    await expect(createTestConnector(dir, { module: plugin, config: { ...config, username: undefined } })).rejects.toThrow(/username/);
  });

  it.each([
    ["a 400", { status: 400, json: { error: "invalid_grant" } }],
    ["a 200 without access_token (bug fix: undefined was cached)", { status: 200, json: {} }],
  ])("fails setup with RetryError on %s from the token endpoint, caching nothing", async (_what, token) => {
    const { connector } = await setup({}, token);
    const error = (await connector.setup().catch((e: unknown) => e)) as Error & { cause: Error };
    expect(error.cause.name).toBe("RetryError");
    expect(error.cause.message).toBe("Failed to getToken. cache or salesforce is unavailable");
    expect(await connector.meta.cache.get("SF_AUTH_TOKEN", null)).toBeNull();
    expect(connector.logs.some((l) => l.message.includes("Got bad response getting the token"))).toBe(true);
  });

  it("throws on onEvent when setup did not create the buffer", async () => {
    const { connector } = await setup();
    await connector.setup();
    delete connector.meta.global.buffer;
    await expect(connector.onEvent(structuredClone(upgraded))).rejects.toThrow("there is no buffer. setup must have failed, cannot process event: upgraded");
  });

  it("refreshes the token after the 5 h TTL", async () => {
    const { connector, clock, answer } = await setup();
    answer();
    await connector.setup();
    await clock.advance(18_000_000);
    await connector.onEvent(structuredClone(upgraded));
    await clock.advance(1_000);
    expect(connector.requests.map((r) => r.url)).toEqual([TOKEN, TOKEN, EVENTS]);
  });
});

describe("selectProperties", () => {
  it("keeps listed keys present in the event, in config order", () => {
    expect(selectProperties({ a: 1, b: 2, c: 3 }, "c, x ,a")).toEqual({ c: 3, a: 1 });
    expect(Object.keys(selectProperties({ a: 1, b: 2, c: 3 }, "c,a"))).toEqual(["c", "a"]);
    expect(selectProperties(undefined, "a")).toEqual({});
  });
});
