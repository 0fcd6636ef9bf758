import { createTestConnector, VirtualClock } from "@connectors/testkit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import identify from "./fixtures/identify.json" with { type: "json" };
import pageview from "./fixtures/pageview.json" with { type: "json" };
import * as plugin from "./index.ts";
import { dayString } from "./lib/sync-scores.ts";

const dir = import.meta.dirname;
const API = "https://api.hubapi.com/crm/v3/objects/contacts";
const PROBE = `${API}?limit=1&paginateAssociations=false&archived=false&hapikey=[REDACTED]`;
const config = { hubspotApiKey: "demo-key", triggeringEvents: "$identify", additionalPropertyMappings: "plan:hs_plan,created_at:signup_date", ignoredEmails: "test.com", postHogUrl: "https://app.posthog.com", syncMode: "production" };
const json = { "content-type": "application/json" };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2024-03-05T10:30:00.000Z"));
});
afterEach(() => vi.useRealTimers());

async function setup(overrides: Record<string, unknown> = {}, create: object = { status: 201, json: { id: "1" } }) {
  const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...overrides }, clock: new VirtualClock("2024-03-05T10:30:00.000Z") });
  const urls: string[] = [];
  const auth: Array<string | undefined> = [];
  connector.mocks.on("GET", `${API}?limit=1&*`, { status: 200, json: { results: [] } });
  connector.mocks.on("POST", `${API}*`, (request) => (urls.push(request.url), auth.push(request.headers.authorization), create));
  return { connector, urls, auth };
}

describe("hubspot", () => {
  it("probes the API at setup and creates the spec's example contact", async () => {
    const { connector, urls } = await setup();
    await connector.onEvent(structuredClone(identify));
    expect(connector.requests).toEqual([
      { method: "GET", url: PROBE, headers: {}, body: "", status: 200, via: "mock" },
      {
        method: "POST",
        url: `${API}?hapikey=[REDACTED]`,
        headers: json,
        body: '{"properties":{"email":"grace@navy.mil","firstname":"Grace","company":"Navy","phone":"+1 555 0100","hs_plan":"enterprise","signup_date":1709596800000}}',
        status: 201,
        via: "mock",
      },
    ]);
    expect(urls).toEqual([`${API}?hapikey=demo-key`]);
  });

  it("PATCHes the existing contact on a 409", async () => {
    const { connector } = await setup({}, { status: 409, json: { status: "error", message: "Contact already exists. Existing ID: 901", category: "CONFLICT" } });
    connector.mocks.on("PATCH", `${API}/901?hapikey=demo-key`, { status: 200, json: { id: "901" } });
    await connector.onEvent(structuredClone(identify));
    expect(connector.requests.map((r) => [r.method, r.url])).toEqual([
      ["GET", PROBE],
      ["POST", `${API}?hapikey=[REDACTED]`],
      ["PATCH", `${API}/901?hapikey=[REDACTED]`],
    ]);
    expect(connector.requests[2]!.body).toBe(connector.requests[1]!.body);
    expect(connector.logs.at(-1)?.message).toBe("Updated Hubspot Contact 901 for grace@navy.mil");
  });

  it("logs and skips a 409 without an id (bug fix: no TypeError)", async () => {
    const { connector } = await setup({}, { status: 409, json: { status: "error", message: "Contact already exists." } });
    await expect(connector.onEvent(structuredClone(identify))).resolves.toBeUndefined();
    expect(connector.logs.at(-1)).toMatchObject({ level: "error", message: expect.stringContaining(`its id is not in the answer (event ${identify.uuid}); skipped`) });
  });

  it("logs a 400 with the event uuid and does not throw", async () => {
    const { connector } = await setup({}, { status: 400, json: { status: "error", message: "Property values were not valid" } });
    await connector.onEvent(structuredClone(identify));
    expect(connector.logs.at(-1)).toMatchObject({ level: "error", message: `Unable to create Hubspot Contact for grace@navy.mil (event ${identify.uuid}): HTTP 400 Property values were not valid` });
  });

  it.each([
    ["an ignored domain", { distinct_id: "bob@test.com", $set: {}, properties: {} }],
    ["a non-triggering event", { ...pageview }],
    ["no email", { distinct_id: "anon", $set: { email: "bad" }, properties: { email: "ok@x.io" } }],
  ])("sends nothing for %s", async (_what, change) => {
    const { connector } = await setup();
    await connector.onEvent({ ...structuredClone(identify), ...change } as never);
    expect(connector.requests.map((r) => r.method)).toEqual(["GET"]);
  });

  it("does not trim triggering events; later built-in matches win; null values of additional mappings are copied", async () => {
    const { connector } = await setup({ triggeringEvents: "$identify, signed_up", additionalPropertyMappings: "gone:hs_gone,:x,y:" });
    await connector.onEvent({ ...structuredClone(identify), event: "signed_up" });
    await connector.onEvent({ ...structuredClone(identify), event: " signed_up", $set: { email: "grace@navy.mil", firstName: "A", first_name: "B" }, properties: { gone: null } });
    expect(connector.requests.slice(1).map((r) => JSON.parse(r.body))).toEqual([{ properties: { email: "grace@navy.mil", firstname: "B", hs_gone: null } }]);
  });

  it("sends a private-app token as a Bearer header, without hapikey", async () => {
    const { connector, urls, auth } = await setup({ hubspotApiKey: "pat-na1-123" });
    connector.mocks.on("GET", `${API}?limit=1&paginateAssociations=false&archived=false`, { status: 200 });
    await connector.onEvent(structuredClone(identify));
    expect(urls).toEqual([API]);
    expect(auth).toEqual(["Bearer pat-na1-123"]);
    expect(connector.requests[1]!.headers).toEqual({ ...json, authorization: "[REDACTED]" });
  });

  it("retries a network error once, then throws a plain Error naming the request (logged with the uuid)", async () => {
    const { connector } = await setup({}, { error: "ECONNRESET" });
    await expect(connector.onEvent(structuredClone(identify))).rejects.toThrow("POST request to https://api.hubapi.com/crm/v3/objects/contacts?hapikey=*** failed.");
    expect(connector.requests.filter((r) => r.method === "POST")).toHaveLength(2);
    expect(connector.logs.some((l) => l.level === "error" && l.message.includes(identify.uuid))).toBe(true);
    expect(connector.secretsLogged).toBe(0);
  });

  it("fails setup on a rejected key", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config });
    connector.mocks.on("GET", `${API}*`, { status: 401, json: { status: "error" } });
    await expect(connector.setup()).rejects.toThrow("Unable to connect to Hubspot. Please make sure your API key is correct.");
  });

  it("refuses a config without the API key", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { triggeringEvents: "$identify" } })).rejects.toThrow(/hubspotApiKey/);
  });
});

describe("score sync (runEveryMinute)", () => {
  const LIST = `${API}?limit=100&paginateAssociations=false&archived=false&hapikey=demo-key&properties=email,hubspotscore`;

  async function sync(overrides: Record<string, unknown> = {}) {
    const { connector } = await setup(overrides);
    connector.mocks.once("GET", LIST, { json: { results: [{ properties: { email: "a@x.io", hubspotscore: "42" } }, { properties: { email: "b@x.io" } }], paging: { next: { link: `${API}?after=100` } } } });
    connector.mocks.on("GET", `${API}?after=100&hapikey=demo-key`, { json: { results: [{ properties: { email: "c@x.io", hubspotscore: "7" } }] } });
    connector.mocks.on("GET", "https://app.posthog.com/api/projects/@current/persons*", (request) => ({
      json: { results: request.url.includes("a%40x.io") ? [{ id: 1, distinct_ids: ["pa", "pa2"] }, { distinct_ids: ["no-id"] }] : [{ id: 3, distinct_ids: ["pc"] }] },
    }));
    return connector;
  }

  it("pages through contacts, captures score updates and completes the day", async () => {
    const connector = await sync();
    await connector.runTask("runEveryMinute");
    expect(connector.captured.map((c) => [c.event, c.distinct_id, c.properties.hubspot_score, c.properties.$set, c.properties.num_updated])).toEqual([
      ["hubspot score updated", "pa", "42", { hubspot_score: 42 }, undefined],
      ["hubspot contact sync batch completed", "hubspot", undefined, undefined, 1],
    ]);
    expect(await connector.meta.storage.get("next_hubspot_contacts_url", null)).toBe(`${API}?after=100&hapikey=demo-key`);
    await connector.runTask("runEveryMinute");
    expect(connector.captured.slice(2).map((c) => c.event)).toEqual(["hubspot score updated", "hubspot contact sync all contacts completed"]);
    expect(await connector.meta.storage.get("next_hubspot_contacts_url", null)).toBeNull();
    expect(await connector.meta.storage.get("last_job_complete_day", null)).toBe("2024-2-5");
    const before = connector.requests.length;
    await connector.runTask("runEveryMinute");
    expect(connector.requests.length).toBe(before);
  });

  it("the 'Clear storage' job forgets the position and the day", async () => {
    const connector = await sync();
    await connector.runTask("runEveryMinute");
    await connector.runJob("Clear storage");
    expect(await connector.meta.storage.get("next_hubspot_contacts_url", null)).toBeNull();
    expect(await connector.meta.storage.get("last_job_complete_day", null)).toBeNull();
    expect(connector.errors).toEqual([]);
  });

  it("builds the day string with a zero-based month", () => {
    expect(dayString(new Date("2024-03-05T23:59:59Z"))).toBe("2024-2-5");
  });
});
