import { createEvent, createTestConnector, createTestDatabase, findClosedPort, TcpProxy, VirtualClock, serviceSuiteTitle, testService, urlOf, type TestDatabase } from "@connectors/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import autocapture from "./fixtures/autocapture.json" with { type: "json" };
import featureFlagCalled from "./fixtures/feature-flag-called.json" with { type: "json" };
import signup from "./fixtures/signup.json" with { type: "json" };
import * as plugin from "./index.ts";

const pgServer = await testService("postgres");
const PG_URL = urlOf(pgServer);

const dir = import.meta.dirname;

const example = [
  { event: "signup", distinct_id: "d1", team_id: 2, uuid: "u1", ip: null, timestamp: "2024-03-05T10:00:00Z", properties: { $ip: "8.8.8.8", plan: "pro" }, $set: { email: "a@b.co" }, $set_once: { first: "x" } },
  { event: "$feature_flag_called", distinct_id: "d1", team_id: 2, uuid: "u2", ip: null, timestamp: "2024-03-05T10:00:01Z", properties: {} },
];

describe.skipIf(!PG_URL)(serviceSuiteTitle("postgres", pgServer), () => {
  let db: TestDatabase;
  const proxies: TcpProxy[] = [];

  beforeAll(async () => {
    db = await createTestDatabase("pgexport");
  });
  afterAll(async () => {
    await db?.drop();
  });
  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((p) => p.stop()));
    await db.query("DROP TABLE IF EXISTS public.posthog_event");
  });

  const rows = async (table = "posthog_event") => (await db.query(`SELECT uuid, event, properties, elements, set, set_once, distinct_id, team_id, ip, site_url, timestamp FROM public.${table} ORDER BY uuid`)).rows;
  const connect = (config: Record<string, unknown> = {}, clock = new VirtualClock("2024-03-05T10:00:00Z")) =>
    createTestConnector(dir, { module: plugin, clock, config: { databaseUrl: db.url, tableName: "posthog_event", eventsToIgnore: "$feature_flag_called", ...config } });
  const proxied = async () => {
    const proxy = new TcpProxy(db.url);
    proxies.push(proxy);
    await proxy.start();
    return proxy;
  };

  it("creates the table at setup with the spec's columns", async () => {
    const connector = await connect();
    await connector.setup();
    const columns = await db.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'posthog_event' ORDER BY ordinal_position");
    expect(columns.rows.map((c) => `${c.column_name} ${c.data_type}`)).toEqual([
      "uuid character varying", "event character varying", "properties jsonb", "elements jsonb", "set jsonb", "set_once jsonb",
      "timestamp timestamp with time zone", "team_id integer", "distinct_id character varying", "ip character varying", "site_url character varying",
    ]);
    await connector.setup(); // IF NOT EXISTS: a second instance starts fine
  });

  it("runs the spec's example: ignores $feature_flag_called, enqueues uploadBatchToPostgres, writes the row", async () => {
    const connector = await createTestConnector(dir, { module: plugin, autoRunJobs: false, config: { databaseUrl: db.url, tableName: "posthog_event", eventsToIgnore: "$feature_flag_called" } });
    await connector.exportEvents(example);
    expect(connector.jobs.pending).toHaveLength(1);
    const job = connector.jobs.pending[0]!;
    expect(job.name).toBe("uploadBatchToPostgres");
    expect(job.payload).toEqual({ batchId: expect.any(Number), retriesPerformedSoFar: 0, batch: [expect.objectContaining({ uuid: "u1", eventName: "signup" })] });
    const batchId = (job.payload as { batchId: number }).batchId;
    expect(batchId).toBeGreaterThanOrEqual(0);
    expect(batchId).toBeLessThan(1_000_000);
    await connector.runDueJobs();
    expect(connector.errors).toEqual([]);
    expect(connector.logs.map((l) => l.message)).toContain(`(Batch Id: ${batchId}) Flushing 1 event to Postgres instance`);
    expect(await rows()).toEqual([
      { uuid: "u1", event: "signup", properties: { $ip: "8.8.8.8", plan: "pro" }, elements: [], set: { email: "a@b.co" }, set_once: { first: "x" }, distinct_id: "d1", team_id: 2, ip: "8.8.8.8", site_url: null, timestamp: new Date("2024-03-05T10:00:00Z") },
    ]);
    expect(connector.secretsLogged).toBe(0);
  });

  it("buffers onEvent on the clock and writes a large batch in one statement", async () => {
    const clock = new VirtualClock("2024-03-05T10:00:00Z");
    const connector = await connect({}, clock);
    for (let i = 0; i < 250; i++) {
      await connector.onEvent(createEvent({ uuid: `e${String(i).padStart(3, "0")}`, event: i % 50 === 0 ? "$autocapture" : "pageview", properties: { i, $elements: [{ tag_name: "button" }] } }));
    }
    expect(await rows()).toEqual([]);
    await clock.advance(10_000);
    // The time-limit flush runs exportEvents from a clock timer; the runNow job it enqueues runs right after.
    expect(connector.jobs.pending).toEqual([]);
    const written = await rows();
    expect(written).toHaveLength(250);
    expect(connector.jobs.history.filter((j) => j.name === "uploadBatchToPostgres")).toHaveLength(1);
    expect(written[0]).toMatchObject({ uuid: "e000", event: "$autocapture", properties: { i: 0 }, elements: [{ tag_name: "button" }] });
    expect(written[1]).toMatchObject({ uuid: "e001", event: "pageview", properties: { i: 1, $elements: [{ tag_name: "button" }] }, elements: [] });
    expect(connector.metrics.values).toMatchObject({ events_seen: 250, events_delivered_successfully: 250 });
  });

  it("writes the fixture events (real-shaped) and ignores $feature_flag_called", async () => {
    const connector = await connect();
    const fixtures = [signup, autocapture, featureFlagCalled].map((e) => structuredClone(e) as never);
    for (const event of fixtures) await connector.onEvent(event);
    await connector.flushExports();
    const written = await rows();
    expect(written.map((r) => r.event)).toEqual(["signup", "$autocapture"]);
    expect(written[1]).toMatchObject({ ip: "1.1.1.1", properties: { $event_type: "click", $ip: "1.1.1.1" }, elements: [{ tag_name: "a", attr__href: "/signup" }], timestamp: new Date("2024-03-05T10:00:01Z") });
  });

  it("sends nothing when every event is ignored", async () => {
    const connector = await connect();
    await connector.exportEvents([example[1]!]);
    expect(connector.jobs.history).toEqual([]);
    expect(await rows()).toEqual([]);
  });

  it("logs and skips an event without a usable timestamp, inserts the rest", async () => {
    const connector = await connect();
    await connector.exportEvents([{ ...example[0]!, uuid: "bad", timestamp: "yesterday-ish" }, example[0]!]);
    expect((await rows()).map((r) => r.uuid)).toEqual(["u1"]);
    expect(connector.logs.find((l) => l.level === "error")?.message).toMatch(/event bad \("signup"\) has no valid timestamp/);
  });

  it("retries a failed insert after 3 s (table dropped), then writes the rows", async () => {
    const clock = new VirtualClock("2024-03-05T10:00:00Z");
    const connector = await connect({}, clock);
    await connector.setup();
    await db.query("DROP TABLE public.posthog_event");
    await connector.exportEvents([example[0]!]);
    expect(connector.jobs.pending).toEqual([expect.objectContaining({ name: "uploadBatchToPostgres", runAt: clock.now() + 3000, payload: expect.objectContaining({ retriesPerformedSoFar: 1 }) })]);
    expect(connector.logs.at(-1)?.message).toMatch(/Error inserting into Postgres: relation "posthog_event" does not exist\. Retry 1\/15 in 3 s/);
    await connector.setup();
    await db.query((await import("./lib/build-insert.ts")).buildCreateTable("posthog_event"));
    await clock.advance(3000);
    expect((await rows()).map((r) => r.uuid)).toEqual(["u1"]);
    expect(connector.jobs.pending).toEqual([]);
    expect(connector.errors).toEqual([]);
  });

  it("keeps retrying (3 s, 6 s, 12 s) while the server is unreachable and writes once it is back", async () => {
    const proxy = await proxied();
    const clock = new VirtualClock("2024-03-05T10:00:00Z");
    const connector = await connect({ databaseUrl: proxy.urlFor(db.url) }, clock);
    await connector.setup();
    await proxy.stop();
    const start = clock.now();
    await connector.exportEvents([example[0]!]);
    await clock.advance(3000);
    await clock.advance(6000);
    expect(connector.jobs.pending).toEqual([expect.objectContaining({ runAt: start + 21_000, payload: expect.objectContaining({ retriesPerformedSoFar: 3 }) })]);
    await proxy.start(); // the server is back on the same address
    await clock.advance(12_000);
    expect(connector.jobs.history.map((j) => [j.at - start, (j.payload as { retriesPerformedSoFar: number }).retriesPerformedSoFar])).toEqual([[0, 0], [3000, 1], [9000, 2], [21_000, 3]]);
    expect((await rows()).map((r) => r.uuid)).toEqual(["u1"]);
    expect(connector.errors).toEqual([]);
    expect(connector.logs.filter((l) => l.level === "error")).toHaveLength(3);
    expect(connector.secretsLogged).toBe(0);
  });

  it("retries when the server kills the backend mid-insert (pg_terminate_backend)", async () => {
    const clock = new VirtualClock("2024-03-05T10:00:00Z");
    const connector = await connect({}, clock);
    await connector.setup();
    // Hold a lock so the insert waits inside the server, then terminate its backend (seen from another session:
    // pg_stat_activity is a snapshot inside a transaction).
    const watcher = new pg.Client({ connectionString: db.url });
    await watcher.connect();
    await db.query("BEGIN");
    await db.query("LOCK TABLE public.posthog_event IN ACCESS EXCLUSIVE MODE");
    const exporting = connector.exportEvents([example[0]!]);
    let pid: number | undefined;
    for (let i = 0; i < 200 && !pid; i++) {
      const found = await watcher.query("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'INSERT INTO posthog_event%'", [db.name]);
      pid = found.rows[0]?.pid;
      if (!pid) await new Promise((r) => setTimeout(r, 25));
    }
    expect(pid).toBeDefined();
    await watcher.query("SELECT pg_terminate_backend($1)", [pid]);
    await watcher.end();
    await exporting;
    await db.query("ROLLBACK");
    expect(connector.logs.at(-1)?.message).toMatch(/terminating connection due to administrator command\. Retry 1\/15 in 3 s/);
    await clock.advance(3000);
    expect((await rows()).map((r) => r.uuid)).toEqual(["u1"]);
  });

  it("gives up after the 15th retry and reports the batch with its event uuids", async () => {
    const proxy = await proxied();
    const connector = await connect({ databaseUrl: proxy.urlFor(db.url) });
    await connector.setup();
    await proxy.stop();
    await connector.runJob("uploadBatchToPostgres", { batchId: 7, retriesPerformedSoFar: 15, batch: [{ uuid: "u1", eventName: "signup", properties: "{}", elements: "[]", set: "{}", set_once: "{}", distinct_id: "d1", team_id: 2, ip: null, site_url: null, timestamp: "2024-03-05T10:00:00.000Z" }] });
    expect(connector.jobs.pending).toEqual([]);
    expect(connector.errors).toEqual([{ hook: "job uploadBatchToPostgres", message: expect.stringMatching(/\(Batch Id: 7\) Failed to insert 1 event\(s\) into Postgres after 15 retries, giving up: .*\(event uuids: u1\)$/) }]);
  });

  it("fails setup with the spec's message when the server cannot be reached", async () => {
    const port = await findClosedPort();
    const connector = await connect({ databaseUrl: `postgres://ph:s3cret-pw@127.0.0.1:${port}/analytics?sslmode=disable` });
    await expect(connector.setup()).rejects.toThrow(/Unable to connect to PostgreSQL instance and create table with error: .*ECONNREFUSED/);
    expect(connector.state).toBe("disabled");
    expect(connector.secretsLogged).toBe(0);
  });

  it("requests TLS unless the URL says otherwise (this server has no TLS, so it refuses)", async () => {
    const url = new URL(db.url);
    url.searchParams.delete("sslmode");
    const connector = await connect({ databaseUrl: url.toString() });
    await expect(connector.setup()).rejects.toThrow(/Unable to connect to PostgreSQL instance and create table with error: The server does not support SSL connections/);
  });

  it("connects with the separate fields too (TLS requested, so this plain server refuses)", async () => {
    const url = new URL(PG_URL!);
    const connector = await createTestConnector(dir, { module: plugin, config: { host: url.hostname, port: url.port, dbName: db.name, dbUsername: "postgres", dbPassword: "x", hasSelfSignedCert: "Yes" } });
    await expect(connector.setup()).rejects.toThrow(/The server does not support SSL connections/);
  });
});

describe("postgres config", () => {
  it("needs host and the other fields when databaseUrl is empty", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { dbUsername: "u", dbPassword: "p" } })).rejects.toThrow(/host/);
  });
});
