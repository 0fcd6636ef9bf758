import { catchHookFailure, createTestConnector, VirtualClock } from "@connectors/testkit";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import identify from "./fixtures/identify.json" with { type: "json" };
import * as plugin from "./index.ts";

const dir = import.meta.dirname;
const FIELDS = "https://api.sendgrid.com/v3/marketing/field_definitions";
const CONTACTS = "https://api.sendgrid.com/v3/marketing/contacts";
const config = { sendgridApiKey: "SG.x", customFields: "plan=Plan Tier,company" };
const definitions = { custom_fields: [{ id: "e3_T", name: "Plan Tier", field_type: "Text" }, { id: "e4_T", name: "company", field_type: "Text" }], reserved_fields: [] };
const batch = [
  { event: "$identify", distinct_id: "anon-1", $set: { email: "mo@example.com", firstName: "Mo", postCode: "10115", plan: "pro", age: 31 } },
  { event: "$pageview", distinct_id: "zo@example.com", $set: { firstName: "Zo" } },
  { event: "$identify", distinct_id: "zo@example.com", $set: { country: "DE", company: "Acme" } },
].map((e, i) => ({ uuid: `u${i + 1}`, team_id: 2, properties: {}, ...e })) as unknown as ProcessedPluginEvent[];

async function setup(overrides: Record<string, unknown> = {}, options: { clock?: VirtualClock; fields?: object; fieldsStatus?: number } = {}) {
  const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...overrides }, ...(options.clock ? { clock: options.clock } : {}) });
  const auth: string[] = [];
  connector.mocks.on("GET", FIELDS, (request) => (auth.push(request.headers.authorization!), { status: options.fieldsStatus ?? 200, json: options.fields ?? definitions }));
  return { connector, auth };
}

describe("sendgrid", () => {
  it("loads the field definitions with only the Bearer header, then PUTs the spec's example contacts", async () => {
    const { connector, auth } = await setup();
    connector.mocks.on("PUT", CONTACTS, (request) => (auth.push(request.headers.authorization!), { status: 202, json: { job_id: "j" } }));
    await connector.exportEvents(batch);
    expect(connector.requests).toEqual([
      { method: "GET", url: FIELDS, headers: { authorization: "[REDACTED]" }, body: "", status: 200, via: "mock" },
      {
        method: "PUT",
        url: CONTACTS,
        headers: { authorization: "[REDACTED]", "content-type": "application/json" },
        body: JSON.stringify({
          contacts: [
            { email: "mo@example.com", first_name: "Mo", postal_code: "10115", custom_fields: { e3_T: "pro" } },
            { email: "zo@example.com", country: "DE", custom_fields: { e4_T: "Acme" } },
          ],
        }),
        status: 202,
        via: "mock",
      },
    ]);
    expect(auth).toEqual(["Bearer SG.x", "Bearer SG.x"]);
    expect(connector.meta.global.customFieldsMap).toEqual({ plan: "e3_T", company: "e4_T" });
  });

  it("sends nothing when no $identify has an email", async () => {
    const { connector } = await setup();
    await connector.exportEvents([{ ...batch[0]!, distinct_id: "anon-2", $set: { name: "x" } }, batch[1]!]);
    expect(connector.requests.map((r) => r.method)).toEqual(["GET"]);
  });

  it.each([
    ["lastName", "last_name"], ["last_name", "last_name"], ["lastname", "last_name"], ["firstName", "first_name"], ["first_name", "first_name"], ["firstname", "first_name"],
    ["city", "city"], ["country", "country"], ["postCode", "postal_code"], ["post_code", "postal_code"], ["postalCode", "postal_code"], ["postal_code", "postal_code"],
  ])("maps $set.%s to %s", async (key, field) => {
    const { connector } = await setup({ customFields: "" });
    connector.mocks.on("PUT", CONTACTS, { status: 202 });
    await connector.exportEvents([{ ...batch[2]!, $set: { [key]: "v", email: "ignored@x.io" } }]);
    expect(JSON.parse(connector.requests[1]!.body)).toEqual({ contacts: [{ email: "zo@example.com", [field]: "v", custom_fields: {} }] });
  });

  it("uses $set.email unvalidated when the distinct id is not an email", async () => {
    const { connector } = await setup({ customFields: "" });
    connector.mocks.on("PUT", CONTACTS, { status: 202 });
    await connector.exportEvents([{ ...batch[0]!, $set: { email: "not-an-email" } }]);
    expect(JSON.parse(connector.requests[1]!.body)).toEqual({ contacts: [{ email: "not-an-email", custom_fields: {} }] });
  });

  it("skips an identify without $set or properties", async () => {
    const { connector } = await setup();
    await connector.exportEvents([{ event: "$identify", distinct_id: "anon", uuid: "x", team_id: 2 } as unknown as ProcessedPluginEvent]);
    expect(connector.requests).toHaveLength(1);
  });

  it.each([[500], [503], [429]])("throws RetryError on HTTP %i (improvement: the original dropped the batch)", async (status) => {
    const { connector } = await setup();
    connector.mocks.on("PUT", CONTACTS, { status, body: "busy" });
    const error = await catchHookFailure(connector.exportEvents(batch));
    expect(error.cause.name).toBe("RetryError");
    expect(error.cause.message).toBe("Unable to export 2 contacts to Sendgrid");
    expect(connector.logs.at(-1)?.message).toBe(`Sendgrid answered HTTP ${status}: busy`);
  });

  it("throws a plain Error on a 400 (not retried; the host reports the uuids)", async () => {
    const clock = new VirtualClock();
    const { connector } = await setup({}, { clock });
    connector.mocks.on("PUT", CONTACTS, { status: 400, json: { errors: [{ message: "bad" }] } });
    await connector.onEvent(structuredClone(identify));
    await connector.flushExports();
    expect(connector.errors).toEqual([{ hook: "exportEvents", message: expect.stringContaining("Unable to export 1 contacts to Sendgrid"), eventUuids: [identify.uuid] }]);
  });

  it("retries a network error once at once, then throws RetryError('PUT request to <url> failed.')", async () => {
    const { connector } = await setup();
    connector.mocks.once("PUT", CONTACTS, { error: "ECONNRESET" });
    connector.mocks.once("PUT", CONTACTS, { status: 202 });
    await connector.exportEvents(batch);
    expect(connector.requests.map((r) => r.status ?? r.error)).toEqual([200, "fetch failed: ECONNRESET", 202]);

    const { connector: down } = await setup();
    down.mocks.on("PUT", CONTACTS, { error: "ECONNRESET" });
    const error = await catchHookFailure(down.exportEvents(batch));
    expect(error.cause.name).toBe("RetryError");
    expect(error.cause.message).toBe(`PUT request to ${CONTACTS} failed.`);
  });

  it("retries a failed batch by job on the clock and delivers it", async () => {
    const clock = new VirtualClock();
    const { connector } = await setup({}, { clock });
    connector.mocks.once("PUT", CONTACTS, { status: 503 });
    connector.mocks.on("PUT", CONTACTS, { status: 202 });
    await connector.onEvent(structuredClone(identify));
    await clock.advance(10_000);
    await clock.advance(6_000);
    await connector.runDueJobs();
    expect(connector.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["GET 200", "PUT 503", "PUT 202"]);
    expect(connector.errors).toEqual([]);
  });

  it("fails setup with 'Unable to connect to Sendgrid' on a non-2xx", async () => {
    const { connector } = await setup({}, { fieldsStatus: 401 });
    await expect(connector.setup()).rejects.toThrow("Unable to connect to Sendgrid");
  });

  it("fails setup on a custom field item with two '=' and logs the item", async () => {
    const { connector } = await setup({ customFields: "a=b=c" });
    await expect(connector.setup()).rejects.toThrow("Invalid format for custom fields");
    expect(connector.logs.map((l) => l.message)).toContain("Bad format in 'a=b=c'");
  });

  it.each([
    ["missing", { custom_fields: [] }],
    ["defined twice", { custom_fields: [{ id: "a", name: "company" }, { id: "b", name: "company" }] }],
  ])("fails setup when a custom field is %s in Sendgrid", async (_what, fields) => {
    const { connector } = await setup({ customFields: "company" }, { fields });
    await expect(connector.setup()).rejects.toThrow("Custom field with name company is not defined in Sendgrid");
  });

  it("does not trim custom field names", async () => {
    const { connector } = await setup({ customFields: "plan= Plan Tier" });
    await expect(connector.setup()).rejects.toThrow("Custom field with name  Plan Tier is not defined in Sendgrid");
  });

  it("refuses a config without the API key", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: {} })).rejects.toThrow(/sendgridApiKey/);
  });
});
