import { VirtualClock, createEvent, createTestConnector } from "@connectors/testkit";
import { describe, expect, it } from "vitest";
import upgraded from "./fixtures/upgraded-plan.json" with { type: "json" };
import * as plugin from "./index.ts";
import { findEmail, isEmail } from "./lib/find-email.ts";

const dir = import.meta.dirname;
const config = { hostName: "acme", userEmail: "admin@acme.com", zendeskApiKey: "tok", triggeringEvents: "upgraded_plan", ignoredEmails: "" };
const LIST = "https://acme.zendesk.com/api/v2/tickets.json?sort_order=desc&sort_by=id";
const page = (n: number) => `${LIST}&page=${n}`;
const user = (id: number) => `https://acme.zendesk.com/api/v2/users/${id}`;
const ticket = (id: number, requester_id: number, extra: Record<string, unknown> = {}) => ({ id, requester_id, raw_subject: `T${id}`, status: "open", ...extra });

async function connect(overrides: Record<string, unknown> = {}, clock = new VirtualClock("2024-05-01T10:00:30.000Z")) {
  const connector = await createTestConnector(dir, { module: plugin, clock, config: { ...config, ...overrides } });
  connector.mocks.on("GET", LIST, { json: { tickets: [] } });
  return connector;
}
/** Users 1..99 with email u<id>@example.com, answered by a fake Zendesk. */
const fakeUsers = (connector: Awaited<ReturnType<typeof connect>>) =>
  connector.mocks.on("GET", /\/api\/v2\/users\/\d+$/, (r) => {
    const id = Number(r.url.split("/").at(-1));
    return { json: { user: { id, email: id === 8 ? "ana@example.com" : id === 9 ? "bo@example.com" : `u${id}@example.com` } } };
  });
const strip = ({ $lib, $lib_version, ...rest }: Record<string, unknown>) => Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));

describe("zendesk", () => {
  it("imports the new tickets of page 1 with their requesters (example A)", async () => {
    const connector = await connect();
    await connector.meta.storage.set("101", true);
    const auth: string[] = [];
    connector.mocks.on("GET", page(1), (r) => (auth.push(r.headers.authorization!), { json: { tickets: [
      { id: 103, requester_id: 9, raw_subject: "Login broken", status: "new", priority: "urgent", created_at: "2024-04-02T10:00:00Z" },
      { id: 102, requester_id: 8, raw_subject: "Invoice", status: "open", priority: null, created_at: "2024-04-01T10:00:00Z" },
      { id: 101, requester_id: 8, raw_subject: "Hello", status: "solved" },
    ] } }));
    connector.mocks.on("GET", page(2), { json: { tickets: [] } });
    fakeUsers(connector);
    await connector.runTask("runEveryMinute");
    expect(auth).toEqual(["Basic YWRtaW5AYWNtZS5jb20vdG9rZW46dG9r"]);
    expect(connector.requests.map((r) => r.url)).toEqual([LIST, page(1), user(9), user(8), page(2)]);
    expect(connector.requests.every((r) => r.body === "")).toBe(true);
    expect(connector.captured.map((e) => ({ event: e.event, ...strip(e.properties) }))).toEqual([
      { event: "zendesk_ticket", distinct_id: "bo@example.com", $set: { zendeskId: 9 }, ticketId: 103, subject: "Login broken", status: "new", priority: "urgent", requester_id: 9, created_at: "2024-04-02T10:00:00Z" },
      { event: "zendesk_ticket", distinct_id: "ana@example.com", $set: { zendeskId: 8 }, ticketId: 102, subject: "Invoice", status: "open", priority: null, requester_id: 8, created_at: "2024-04-01T10:00:00Z" },
    ]);
    const storage = connector.meta.storage;
    expect([await storage.get("103", false), await storage.get("102", false), await storage.get("bo@example.com", null), await storage.get("ana@example.com", null)]).toEqual([true, true, 9, 8]);
  });

  it("skips imported tickets one by one (not the rest of the page) and never captures twice", async () => {
    const connector = await connect();
    await connector.meta.storage.set("5", true);
    connector.mocks.on("GET", page(1), { json: { tickets: [ticket(6, 1), ticket(5, 1), ticket(4, 2)] } });
    connector.mocks.on("GET", page(2), { json: { tickets: [] } });
    fakeUsers(connector);
    await connector.runTask("runEveryMinute");
    await connector.runTask("runEveryMinute");
    expect(connector.captured.map((e) => e.properties.ticketId)).toEqual([6, 4]);
  });

  it("resumes after page 2 fails once: every ticket captured exactly once", async () => {
    const clock = new VirtualClock("2024-05-01T10:00:30.000Z");
    const connector = await connect({}, clock);
    const all = Array.from({ length: 250 }, (_, i) => ticket(250 - i, 1 + (i % 7)));
    connector.mocks.on("GET", page(1), { json: { tickets: all.slice(0, 100) } });
    connector.mocks.once("GET", page(2), { status: 503, body: "unavailable" });
    connector.mocks.on("GET", page(2), { json: { tickets: all.slice(100, 200) } });
    connector.mocks.on("GET", page(3), { json: { tickets: all.slice(200) } });
    connector.mocks.on("GET", page(4), { json: { tickets: [] } });
    fakeUsers(connector);
    connector.startSchedule();
    await clock.advance(60_000);
    expect(connector.errors).toEqual([{ hook: "runEveryMinute", message: expect.stringContaining("Zendesk tickets request failed: status=503") }]);
    expect(connector.captured).toHaveLength(100);
    await clock.advance(3 * 60_000);
    expect(connector.captured.map((e) => e.properties.ticketId)).toEqual(all.map((t) => t.id));
    await connector.teardown();
  });

  it("does not mark a ticket whose requester could not be read", async () => {
    const connector = await connect();
    connector.mocks.on("GET", page(1), { json: { tickets: [ticket(7, 3)] } }).on("GET", page(2), { json: { tickets: [] } });
    connector.mocks.once("GET", user(3), { error: "ECONNRESET" });
    fakeUsers(connector);
    await expect(connector.runTask("runEveryMinute")).rejects.toMatchObject({ cause: { name: "RetryError", message: expect.stringContaining("ECONNRESET") } });
    expect(await connector.meta.storage.get("7", false)).toBe(false);
    await connector.runTask("runEveryMinute");
    expect(connector.captured.map((e) => e.properties.ticketId)).toEqual([7]);
  });

  it("names the status and Retry-After of a refused ticket page", async () => {
    const connector = await connect();
    connector.mocks.on("GET", page(1), { status: 429, headers: { "retry-after": "37" }, body: "" });
    await expect(connector.runTask("runEveryMinute")).rejects.toThrow("Zendesk tickets request failed: status=429 retry-after=37");
    expect(connector.captured).toEqual([]);
  });

  it("fails setup when the account does not answer", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config });
    connector.mocks.on("GET", LIST, { status: 401, json: { error: "Couldn't authenticate you" } });
    await expect(connector.setup()).rejects.toThrow("Unable to access ZenDesk API's for acme");
  });

  it("writes the event time into the user field named after the event (example B)", async () => {
    const connector = await connect();
    await connector.meta.storage.set("ana@example.com", 8);
    const puts: unknown[] = [];
    connector.mocks.on("PUT", user(8), (r) => (puts.push(r.json()), { json: { user: { id: 8 } } }));
    await connector.onEvent(structuredClone(upgraded));
    expect(connector.jobs.history.map((j) => j.name)).toEqual(["pushUserDataToZendesk"]);
    expect(puts).toEqual([{ user: { user_fields: { upgraded_plan: "2024-04-03T12:00:00.000Z" } } }]);
    expect(connector.requests.at(-1)).toMatchObject({ method: "PUT", headers: expect.objectContaining({ "content-type": "application/json" }) });
    // GETs after a PUT carry no body (the original reused one options object)
    connector.mocks.on("GET", page(1), { json: { tickets: [] } });
    await connector.runTask("runEveryMinute");
    expect(connector.requests.at(-1)).toMatchObject({ method: "GET", body: "" });
  });

  it.each([
    ["an ignored domain", { ignoredEmails: " Example.com ,other.test" }, upgraded],
    ["a non-triggering event", {}, { ...upgraded, event: "pageview" }],
    ["no email", {}, { ...upgraded, properties: { plan: "pro" } }],
  ])("queues nothing for %s", async (_, overrides, event) => {
    const connector = await connect(overrides);
    await connector.onEvent(structuredClone(event));
    expect(connector.jobs.history).toEqual([]);
    expect(connector.requests.filter((r) => r.method === "PUT")).toEqual([]);
  });

  it("does nothing for an email that never requested a ticket", async () => {
    const connector = await connect();
    await connector.runJob("pushUserDataToZendesk", { email: "new@example.com", event: upgraded });
    expect(connector.requests.filter((r) => r.method === "PUT")).toEqual([]);
    expect(connector.errors).toEqual([]);
  });

  it("uses sent_at when the event has it, and fails the job on a refused update", async () => {
    const connector = await connect();
    await connector.meta.storage.set("ana@example.com", 8);
    const puts: unknown[] = [];
    connector.mocks.once("PUT", user(8), (r) => (puts.push(r.json()), { json: {} }));
    connector.mocks.once("PUT", user(8), { status: 422, json: { error: "RecordInvalid" } });
    await connector.runJob("pushUserDataToZendesk", { email: "ana@example.com", event: { ...upgraded, sent_at: "2024-04-03T12:00:05.000Z" } });
    expect(puts).toEqual([{ user: { user_fields: { upgraded_plan: "2024-04-03T12:00:05.000Z" } } }]);
    await connector.runJob("pushUserDataToZendesk", { email: "ana@example.com", event: upgraded });
    expect(connector.errors).toEqual([{ hook: "job pushUserDataToZendesk", message: expect.stringContaining("Zendesk user update failed: status=422") }]);
  });

  it("finds the email in distinct_id, then $set, then properties", () => {
    const base = createEvent({ distinct_id: "user-1", properties: {} });
    expect(findEmail({ ...base, distinct_id: "Ana@Example.com" } as never)).toBe("Ana@Example.com");
    expect(findEmail({ ...base, $set: { email: "set@x.io" }, properties: { email: "p@x.io" } } as never)).toBe("set@x.io");
    expect(findEmail({ ...base, $set: { email: "nope" }, properties: { email: "p@x.io" } } as never)).toBeUndefined();
    expect(findEmail({ ...base, properties: { email: "p@x.io" } } as never)).toBe("p@x.io");
    expect(isEmail("a@b.c")).toBe(false);
    expect(isEmail("first.last+tag@mail.example.org")).toBe(true);
  });

  it("never shows the API token", async () => {
    const connector = await connect();
    connector.mocks.on("GET", page(1), { json: { tickets: [] } });
    await connector.runTask("runEveryMinute");
    expect(JSON.stringify(connector.requests)).not.toContain(btoa("admin@acme.com/token:tok"));
  });
});
