import { createTestServiceAccount } from "@connectors/google-auth";
import { createTestConnector, VirtualClock } from "@connectors/testkit";
import { MemoryCache } from "@connectors/harness";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import signup from "./fixtures/signup.json" with { type: "json" };
import * as plugin from "./index.ts";
import { TABLE_SCHEMA } from "./lib/table-schema.ts";

const dir = import.meta.dirname;
const { json } = createTestServiceAccount();
const attachments = { googleCloudKeyJson: { file_name: "key.json", content_type: "application/json", contents: Buffer.from(json) } };
const TABLES = "https://bigquery.googleapis.com/bigquery/v2/projects/proj-1/datasets/analytics/tables";
const TABLE = `${TABLES}/events`;
const NOT_FOUND = { status: 404, json: { error: { code: 404, message: "Not found: Table proj-1:analytics.events", status: "NOT_FOUND" } } };
const FULL_SCHEMA = { schema: { fields: TABLE_SCHEMA } };
const batch = [
  { event: "$autocapture", distinct_id: "d1", team_id: 2, uuid: "u1", ip: null, timestamp: "2024-03-05T10:59:00.000Z", properties: { $ip: "5.6.7.8", $event_type: "click" }, elements: [{ tag_name: "a", href: "/x" }], $set: { k: "v" } },
  { event: "purchase", distinct_id: "d2", team_id: 2, uuid: "u2", ip: null, timestamp: "2024-03-05T10:59:30.000Z", properties: { total: 9 }, elements: [{ tag_name: "b" }] },
] as unknown as ProcessedPluginEvent[];

async function make(options: { config?: Record<string, unknown>; cache?: MemoryCache; clock?: VirtualClock } = {}) {
  const connector = await createTestConnector(dir, {
    module: plugin,
    attachments,
    config: { datasetId: "analytics", tableId: "events", exportEventsToIgnore: "$feature_flag_called", ...options.config },
    ...(options.cache ? { cache: options.cache } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  connector.mocks.on("POST", "https://oauth2.googleapis.com/token", { json: { access_token: "ya29.bq-token", expires_in: 3599 } });
  return connector;
}
const calls = (connector: { requests: Array<{ method: string; url: string }> }) => connector.requests.filter((r) => !r.url.includes("oauth2")).map((r) => `${r.method} ${r.url}`);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2024-03-05T11:00:00.000Z"));
});
afterEach(() => vi.useRealTimers());

describe("bigquery setup", () => {
  it("creates a missing table with the 12-column schema and caches the result (spec example)", async () => {
    const cache = new MemoryCache();
    const connector = await make({ cache });
    connector.mocks.once("GET", TABLE, NOT_FOUND);
    connector.mocks.once("POST", TABLES, { json: { id: "proj-1:analytics.events" } });
    await connector.setup();
    const create = connector.requests.find((r) => r.method === "POST" && r.url === TABLES)!;
    expect(create.headers).toEqual({ authorization: "[REDACTED]", "content-type": "application/json" });
    expect(JSON.parse(create.body)).toEqual({
      tableReference: { projectId: "proj-1", datasetId: "analytics", tableId: "events" },
      schema: { fields: TABLE_SCHEMA.map(({ name, type }) => ({ name, type })) },
    });
    expect(JSON.parse(create.body).schema.fields).toHaveLength(12);
    expect(await connector.meta.cache.get("cachedMetadata", null)).toEqual({ tableId: "events", datasetId: "analytics", existingFields: 12 });

    const again = await make({ cache });
    await again.setup();
    expect(again.requests).toEqual([]); // cache shortcut: no BigQuery call, not even a token
  });

  it("appends the missing columns with a PATCH, existing ones first", async () => {
    const connector = await make();
    const existing = [{ name: "uuid", type: "STRING", mode: "NULLABLE" }, { name: "event", type: "STRING", mode: "NULLABLE" }];
    connector.mocks.once("GET", TABLE, { json: { schema: { fields: existing } } });
    connector.mocks.once("PATCH", TABLE, { json: {} });
    await connector.setup();
    const patch = connector.requests.find((r) => r.method === "PATCH")!;
    expect(JSON.parse(patch.body).schema.fields.map((f: { name: string }) => f.name)).toEqual(TABLE_SCHEMA.map((f) => f.name));
    expect(connector.logs.map((l) => l.message)).toContain("Adding missing columns to BigQuery table analytics.events: properties, elements, set, set_once, distinct_id, team_id, ip, site_url, timestamp, bq_ingested_timestamp");
  });

  it("does nothing more when the table already has every column", async () => {
    const connector = await make();
    connector.mocks.once("GET", TABLE, { json: FULL_SCHEMA });
    await connector.setup();
    expect(calls(connector)).toEqual([`GET ${TABLE}`]);
  });

  it("tolerates a 409 on creation (another worker) and turns other creation errors into RetryError (fixed: the original inverted this)", async () => {
    const race = await make();
    race.mocks.once("GET", TABLE, NOT_FOUND);
    race.mocks.once("POST", TABLES, { status: 409, json: { error: { code: 409, message: "Already Exists: Table proj-1:analytics.events" } } });
    await race.setup();
    expect(race.state).toBe("ready");

    const failing = await make();
    failing.mocks.once("GET", TABLE, NOT_FOUND);
    failing.mocks.once("POST", TABLES, { status: 500, json: { error: { message: "Backend error" } } });
    const error = await failing.setup().catch((e: unknown) => e as Error & { cause?: Error });
    expect(error?.cause?.name).toBe("RetryError");
    expect(error?.message).toMatch(/Creating the BigQuery table failed: BigQuery tables.insert answered 500: Backend error/);
  });

  it("re-reads the table when the PATCH fails: fine if another worker added the columns, else the error fails setup", async () => {
    const ok = await make();
    ok.mocks.once("GET", TABLE, { json: { schema: { fields: [{ name: "uuid", type: "STRING" }] } } });
    ok.mocks.once("PATCH", TABLE, { status: 412, json: { error: { message: "Precondition check failed." } } });
    ok.mocks.once("GET", TABLE, { json: FULL_SCHEMA });
    await ok.setup();
    expect(calls(ok)).toEqual([`GET ${TABLE}`, `PATCH ${TABLE}`, `GET ${TABLE}`]);

    const bad = await make();
    bad.mocks.on("GET", TABLE, { json: { schema: { fields: [{ name: "uuid", type: "STRING" }] } } });
    bad.mocks.once("PATCH", TABLE, { status: 403, json: { error: { message: "Access Denied" } } });
    await expect(bad.setup()).rejects.toThrow("BigQuery tables.patch answered 403: Access Denied");
    expect(bad.logs.some((l) => l.level === "error" && l.message.startsWith("Could not add columns event, properties, elements"))).toBe(true);
  });

  it("fails on a table without schema, and turns network-level failures into RetryError", async () => {
    const noSchema = await make();
    noSchema.mocks.once("GET", TABLE, { json: {} });
    await expect(noSchema.setup()).rejects.toThrow("Can not get metadata for table. Please check if the table schema is defined.");

    const reset = await make();
    reset.mocks.once("GET", TABLE, { error: "ECONNRESET" });
    const error = (await reset.setup().catch((e: unknown) => e)) as Error & { cause?: Error };
    expect(error.cause?.name).toBe("RetryError");
    expect(error.cause?.message).toBe("Operational fetch error encountered: fetch failed: ECONNRESET");
  });

  it("names a missing attachment, dataset or table, and refuses to export without setup", async () => {
    const meta = (config: Record<string, unknown>, withFile = true) => ({ config, attachments: withFile ? attachments : {}, global: {}, cache: new MemoryCache(), fetch: () => Promise.reject(new Error("no network")), logger: console }) as never;
    await expect(plugin.setupPlugin(meta({ datasetId: "d", tableId: "t" }, false))).rejects.toThrow("JSON config not provided!");
    await expect(plugin.setupPlugin(meta({ datasetId: "", tableId: "t" }))).rejects.toThrow("Dataset ID not provided!");
    await expect(plugin.setupPlugin(meta({ datasetId: "d", tableId: "" }))).rejects.toThrow("Table ID not provided!");
    await expect(plugin.exportEvents(batch, meta({}))).rejects.toThrow("No BigQuery client initialized!");
  });
});

describe("bigquery export", () => {
  async function ready(config: Record<string, unknown> = {}, clock?: VirtualClock) {
    const connector = await make({ config, ...(clock ? { clock } : {}) });
    connector.mocks.once("GET", TABLE, { json: FULL_SCHEMA });
    return connector;
  }

  it("inserts the spec's example batch with one insertAll", async () => {
    const connector = await ready();
    connector.mocks.on("POST", `${TABLE}/insertAll`, { json: { kind: "bigquery#tableDataInsertAllResponse" } });
    await connector.exportEvents(batch);
    const insert = connector.requests.at(-1)!;
    expect([insert.method, insert.url, insert.headers, insert.status]).toEqual(["POST", `${TABLE}/insertAll`, { authorization: "[REDACTED]", "content-type": "application/json" }, 200]);
    expect(JSON.parse(insert.body)).toEqual({
      rows: [
        { json: { uuid: "u1", event: "$autocapture", properties: '{"$ip":"5.6.7.8","$event_type":"click"}', elements: '[{"tag_name":"a","href":"/x"}]', set: '{"k":"v"}', set_once: "{}", distinct_id: "d1", team_id: 2, ip: "5.6.7.8", site_url: "", timestamp: "2024-03-05T10:59:00.000Z", bq_ingested_timestamp: "2024-03-05T11:00:00.000Z" } },
        { json: { uuid: "u2", event: "purchase", properties: '{"total":9}', elements: "[]", set: "{}", set_once: "{}", distinct_id: "d2", team_id: 2, ip: null, site_url: "", timestamp: "2024-03-05T10:59:30.000Z", bq_ingested_timestamp: "2024-03-05T11:00:00.000Z" } },
      ],
    });
  });

  it("exports elements of any event with exportElementsOnAnyEvent, and '[]' when an event has none (fixed)", async () => {
    const connector = await ready({ exportElementsOnAnyEvent: "Yes" });
    const bodies: string[] = [];
    connector.mocks.on("POST", `${TABLE}/insertAll`, (request) => (bodies.push(request.body), { json: {} }));
    await connector.exportEvents([batch[1]!, { ...batch[0]!, elements: undefined } as never]);
    const rows = JSON.parse(bodies[0]!).rows.map((r: { json: { elements: string } }) => r.json.elements);
    expect(rows).toEqual(['[{"tag_name":"b"}]', "[]"]);
  });

  it("keeps $elements in properties and skips ignored events; sends nothing when all are ignored", async () => {
    const connector = await ready();
    const bodies: string[] = [];
    connector.mocks.on("POST", `${TABLE}/insertAll`, (request) => (bodies.push(request.body), { json: {} }));
    await connector.exportEvents([{ ...batch[1]!, event: "$feature_flag_called" }]);
    expect(bodies).toEqual([]);
    await connector.exportEvents([{ ...batch[1]!, properties: { $elements: [{ tag_name: "x" }] } }, { ...batch[1]!, event: "$feature_flag_called", uuid: "ff" }]);
    const rows = JSON.parse(bodies[0]!).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0].json.properties).toBe('{"$elements":[{"tag_name":"x"}]}');
  });

  it.each([
    ["a 500", { status: 500, json: { error: { code: 500, message: "Backend Error" } } }, "Error inserting into BigQuery! BigQuery insertAll answered 500: Backend Error"],
    ["insertErrors", { json: { insertErrors: [{ index: 0, errors: [{ reason: "invalid", message: "no such field: foo." }] }] } }, "Error inserting into BigQuery! 1 row(s) rejected: row 0: no such field: foo."],
    ["a network error", { error: "ETIMEDOUT" }, "Error inserting into BigQuery! fetch failed: ETIMEDOUT"],
  ])("turns %s into RetryError", async (_name, answer, message) => {
    const connector = await ready();
    connector.mocks.on("POST", `${TABLE}/insertAll`, answer);
    await expect(connector.exportEvents(batch)).rejects.toMatchObject({ cause: { name: "RetryError", message } });
  });

  it("buffers real-shaped events with the configured seconds; retries on the clock and reports the uuids in the end", async () => {
    const clock = new VirtualClock("2024-03-05T11:00:00.000Z");
    const connector = await ready({ exportEventsBufferSeconds: "5" }, clock);
    connector.mocks.on("POST", `${TABLE}/insertAll`, { status: 503, json: { error: { message: "Service unavailable" } } });
    await connector.onEvent(structuredClone(signup) as never);
    await clock.advance(5_000);
    expect(connector.requests.filter((r) => r.url.endsWith("/insertAll"))).toHaveLength(1);
    expect(JSON.parse(connector.requests.at(-1)!.body).rows[0].json).toMatchObject({ uuid: signup.uuid, ip: "8.8.8.8", set: '{"email":"a@b.co"}', set_once: '{"first":"x"}' });
    for (const wait of [6_000, 12_000, 24_000]) await clock.advance(wait);
    expect(connector.requests.filter((r) => r.url.endsWith("/insertAll"))).toHaveLength(4);
    expect(connector.errors).toEqual([{ hook: "exportEvents", eventUuids: [signup.uuid], message: expect.stringContaining("Error inserting into BigQuery! BigQuery insertAll answered 503") }]);
  });
});
