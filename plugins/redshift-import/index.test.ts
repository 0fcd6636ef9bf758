import { readFileSync } from "node:fs";
import { join } from "node:path";
import { VirtualClock, createTestConnector, createTestDatabase, serviceSuiteTitle, testService, urlOf, type TestDatabase } from "@connectors/testkit";
import pg from "pg";
import type { ClientConfig } from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as plugin from "./index.ts";
import { overrideRedshiftClientForTests, sanitizeIdentifier } from "./lib/redshift-client.ts";
import { transformDefault, transformJsonMap } from "./lib/transform-row.ts";

const pgServer = await testService("postgres");
const PG_URL = urlOf(pgServer);

const dir = import.meta.dirname;
const config = { clusterHost: "examplecluster.abc123.us-west-2.redshift.amazonaws.com", clusterPort: "5439", dbName: "dev", dbUsername: "posthog", dbPassword: "s3cret-pw" };
const mapFile = readFileSync(join(dir, "fixtures", "row-to-event-map.json"));

describe("redshift-import transformations and checks (no database)", () => {
  it("default: properties JSON merged over timestamp/distinct_id, source always wins", () => {
    const at = new Date("2024-01-01T10:00:00Z");
    expect(transformDefault({ event: "signup", timestamp: at, distinct_id: "u1", properties: '{"plan":"free","distinct_id":"u2","source":"x"}' })).toEqual({
      event: "signup",
      properties: { timestamp: "2024-01-01T10:00:00.000Z", distinct_id: "u2", plan: "free", source: "redshift_import" },
    });
    expect(transformDefault({ event: "e", timestamp: null, distinct_id: "u", properties: { a: 1 } }).properties).toMatchObject({ a: 1 });
    expect(transformDefault({ event: "e", timestamp: null, distinct_id: "u", properties: null }).properties).toEqual({ timestamp: null, distinct_id: "u", source: "redshift_import" });
    expect(() => transformDefault({ event: "e", properties: "{oops" })).toThrow();
  });

  it("JSON Map: columns to targets, event named by the `event` target (example C)", () => {
    const map = JSON.parse(mapFile.toString());
    expect(transformJsonMap({ kind: "purchase", who: "u9", at: "2024-02-02T00:00:00Z", amount: "19.99", extra: "x" }, map)).toEqual({
      event: "purchase",
      properties: { distinct_id: "u9", timestamp: "2024-02-02T00:00:00Z", revenue: "19.99" },
    });
    expect(transformJsonMap({ who: "u9" }, map).event).toBe("");
  });

  it("sanitises identifiers", () => {
    expect(sanitizeIdentifier("public.events; DROP")).toBe("public.eventsDROP");
    expect(sanitizeIdentifier("my-table")).toBe("mytable");
  });

  it("refuses a host that is not a Redshift host, before connecting", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { ...config, clusterHost: "db.example.com" } });
    await expect(connector.setup()).rejects.toThrow("Cluster host must be a valid AWS Redshift host");
  });

  it("refuses an unknown JSON Map setup before connecting", async () => {
    const missing = await createTestConnector(dir, { module: plugin, config: { ...config, transformationName: "JSON Map" }, attachments: { rowToEventMap: { file_name: "m.json", content_type: "application/json", contents: "[1]" } } });
    await expect(missing.setup()).rejects.toThrow("Row to event mapping JSON file contains invalid JSON!");
    const bad = await createTestConnector(dir, { module: plugin, config: { ...config, transformationName: "JSON Map" }, attachments: { rowToEventMap: { file_name: "m.json", content_type: "application/json", contents: "{nope" } } });
    await expect(bad.setup()).rejects.toThrow("Row to event mapping JSON file contains invalid JSON!");
    await expect(createTestConnector(dir, { module: plugin, config: { ...config, transformationName: "JSON Map" } })).rejects.toThrow(/rowToEventMap/);
  });

  it("rejects a config without the required fields", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { ...config, dbPassword: "" } })).rejects.toThrow(/dbPassword/);
  });
});

describe.skipIf(!PG_URL)(serviceSuiteTitle("redshift-import", pgServer), () => {
  let dbUrl = "";
  let db: TestDatabase;
  const seen: ClientConfig[] = [];
  let failQueryAtOffset: { offset: number; times: number } | undefined;

  beforeAll(async () => {
    db = await createTestDatabase("rsimport");
    dbUrl = db.url;
    await db.query("CREATE TABLE posthog_event (event text, timestamp timestamptz, distinct_id text, properties text)");
    for (let i = 0; i < 80; i++) {
      await db.query("INSERT INTO posthog_event VALUES ($1, $2, $3, $4)", [`e${i}`, new Date(Date.UTC(2024, 0, 1) + i * 3_600_000), `u${i % 3}`, JSON.stringify({ n: i })]);
    }
    await db.query("CREATE TABLE small (event text, timestamp timestamptz, distinct_id text, properties text)");
    await db.query(`INSERT INTO small VALUES ('signup', '2024-01-01 10:00:00+00', 'u1', '{"plan":"free"}'), ('login', '2024-01-02 10:00:00+00', 'u1', '{}'),
      ('a', '2024-01-03 10:00:00+00', 'u2', NULL), ('', '2024-01-04 10:00:00+00', 'u2', '{}'), ('b', '2024-01-05 10:00:00+00', 'u3', '{broken')`);
    await db.query("CREATE TABLE mapped (kind text, who text, at text, amount text, extra text)");
    await db.query("INSERT INTO mapped VALUES ('purchase', 'u9', '2024-02-02T00:00:00Z', '19.99', 'x')");
    overrideRedshiftClientForTests((clientConfig) => {
      seen.push(clientConfig);
      const client = new pg.Client({ connectionString: dbUrl });
      const query = client.query.bind(client) as (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
      (client as unknown as { query: typeof query }).query = (text, values) => {
        if (failQueryAtOffset && values?.[0] === failQueryAtOffset.offset && failQueryAtOffset.times-- > 0) return Promise.reject(new Error("connection reset by peer"));
        return query(text, values);
      };
      return client;
    });
  });

  afterEach(() => {
    failQueryAtOffset = undefined;
    seen.length = 0;
  });

  afterAll(async () => {
    overrideRedshiftClientForTests();
    await db?.drop();
  });

  /** Storage shared between connector instances (one install across restarts). */
  class SharedStorage {
    readonly values = new Map<string, string>();
    async get(key: string) { return this.values.get(key); }
    async set(key: string, value: string) { this.values.set(key, value); }
    async setIfAbsent(key: string, value: string) { if (!this.values.has(key)) this.values.set(key, value); }
    async increment(key: string, by: number) { const n = Number(JSON.parse(this.values.get(key) ?? "0")) + by; this.values.set(key, JSON.stringify(n)); return n; }
    async del(key: string) { this.values.delete(key); }
    async keys(prefix: string) { return [...this.values.keys()].filter((k) => k.startsWith(prefix)); }
  }

  const start = async (overrides: Record<string, unknown> = {}, storage = new SharedStorage(), clock = new VirtualClock("2024-05-01T10:00:00.000Z")) => {
    const connector = await createTestConnector(dir, { module: plugin, clock, storage, config: { ...config, ...overrides }, attachments: { rowToEventMap: { file_name: "map.json", content_type: "application/json", contents: mapFile } } });
    await connector.setup();
    return { connector, clock, storage };
  };

  it("imports a small table with the default transformation, skipping bad rows (example A)", async () => {
    const { connector, clock, storage } = await start({ tableName: "small" });
    expect(seen[0]).toMatchObject({ user: "posthog", password: "s3cret-pw", host: config.clusterHost, database: "dev", port: 5439 });
    expect(connector.jobs.pending).toEqual([expect.objectContaining({ name: "importAndIngestEvents", payload: { retriesPerformedSoFar: 0 }, runAt: clock.now() + 10_000 })]);
    await clock.advance(10_000);
    expect(connector.captured.map((e) => [e.event, e.distinct_id, e.timestamp])).toEqual([
      ["signup", "u1", "2024-01-01T10:00:00.000Z"],
      ["login", "u1", "2024-01-02T10:00:00.000Z"],
      ["a", "u2", "2024-01-03T10:00:00.000Z"],
    ]);
    expect(connector.captured[0]!.properties).toMatchObject({ plan: "free", source: "redshift_import" });
    const messages = connector.logs.map((l) => l.message);
    expect(messages.filter((m) => m.startsWith("Skipped row"))).toEqual([expect.stringMatching(/^Skipped row 3: /), expect.stringMatching(/^Skipped row 4: /)]);
    expect(messages).toContain("Processed rows 0-10 and ingested 3 events from them.");
    expect(messages).toContain("Done processing all rows in small");
    await connector.teardown();
    expect(JSON.parse(storage.values.get("1/import_offset")!)).toBe(5);
  });

  it("resumes at the stored offset after a restart without gaps or repeats (example B)", async () => {
    const storage = new SharedStorage();
    storage.values.set("1/import_offset", "50");
    const { connector, clock } = await start({}, storage);
    await clock.advance(10_000);
    expect(connector.captured.map((e) => e.event)).toEqual(Array.from({ length: 30 }, (_, i) => `e${50 + i}`));
    await connector.teardown();
    expect(storage.values.get("1/import_offset")).toBe("80");
  });

  it("retries a failed batch at the same offset with back-off, capturing every row exactly once", async () => {
    failQueryAtOffset = { offset: 10, times: 2 };
    const { connector, clock } = await start({ tableName: "posthog_event" });
    await clock.advance(10_000);
    expect(connector.captured).toHaveLength(10);
    expect(connector.jobs.pending).toEqual([expect.objectContaining({ payload: { offset: 10, retriesPerformedSoFar: 1 }, runAt: clock.now() + 3_000 })]);
    expect(connector.logs.map((l) => l.message)).toContain("Unable to process rows 10-20. Retrying in 3. Error: connection reset by peer");
    await clock.advance(3_000);
    expect(connector.jobs.pending).toEqual([expect.objectContaining({ payload: { offset: 10, retriesPerformedSoFar: 2 }, runAt: clock.now() + 6_000 })]);
    await clock.advance(6_000);
    expect(connector.captured.map((e) => e.event)).toEqual(Array.from({ length: 80 }, (_, i) => `e${i}`));
    await connector.teardown();
  });

  it("skips a batch after 15 retries and goes on with the next", async () => {
    const { connector } = await start({ tableName: "small" });
    connector.jobs.clear();
    await connector.runJob("importAndIngestEvents", { offset: 0, retriesPerformedSoFar: 15 });
    expect(connector.logs.map((l) => l.message)).toContain("Import error: Unable to process rows 0-10. Skipped them.");
    expect(connector.jobs.history.map((j) => j.payload)).toEqual([{ offset: 0, retriesPerformedSoFar: 15 }, { retriesPerformedSoFar: 0 }, { retriesPerformedSoFar: 0 }]);
    expect(connector.captured).toHaveLength(3);
  });

  it("retries with the same offset when the order-by column does not exist (example D)", async () => {
    const { connector, clock } = await start({ tableName: "small", orderByColumn: "nope" });
    await clock.advance(10_000);
    expect(connector.captured).toEqual([]);
    expect(connector.jobs.pending.map((j) => j.payload)).toEqual([{ offset: 0, retriesPerformedSoFar: 1 }]);
    connector.jobs.clear();
  });

  it("freezes the row count at installation in historical mode", async () => {
    const storage = new SharedStorage();
    storage.values.set("1/total_rows_snapshot", "12");
    const { connector, clock } = await start({ importMechanism: "Only import historical data" }, storage);
    await clock.advance(10_000);
    expect(connector.captured).toHaveLength(20);
    await connector.teardown();
    expect(storage.values.get("1/import_offset")).toBe("12");
    const fresh = await start({ tableName: "small", importMechanism: "Only import historical data" });
    expect(fresh.storage.values.get("1/total_rows_snapshot")).toBe("5");
    fresh.connector.jobs.clear();
  });

  it("imports with a JSON Map attachment (example C)", async () => {
    const { connector, clock } = await start({ tableName: "mapped", orderByColumn: "at", transformationName: "JSON Map" });
    await clock.advance(10_000);
    expect(connector.captured.map(({ event, distinct_id, timestamp, properties }) => ({ event, distinct_id, timestamp, revenue: properties.revenue, source: properties.source }))).toEqual([
      { event: "purchase", distinct_id: "u9", timestamp: "2024-02-02T00:00:00.000Z", revenue: "19.99", source: undefined },
    ]);
  });

  it("fails setup with 'Unable to connect to Redshift!' when the table or server is unreachable", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { ...config, tableName: "missing_table" } });
    await expect(connector.setup()).rejects.toThrow("Unable to connect to Redshift!");
    overrideRedshiftClientForTests(() => new pg.Client({ host: "127.0.0.1", port: 1, user: "x", connectionTimeoutMillis: 2000 }));
    try {
      const down = await createTestConnector(dir, { module: plugin, config });
      await expect(down.setup()).rejects.toThrow("Unable to connect to Redshift!");
    } finally {
      overrideRedshiftClientForTests((c) => (seen.push(c), new pg.Client({ connectionString: dbUrl })));
    }
  });

  it("never logs the password", async () => {
    const { connector, clock } = await start({ tableName: "small" });
    await clock.advance(10_000);
    expect(connector.secretsLogged).toBe(0);
  });
});
