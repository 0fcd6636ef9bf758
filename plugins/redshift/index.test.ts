import { createTestConnector, createTestDatabase, findClosedPort, TcpProxy, VirtualClock, serviceSuiteTitle, testService, urlOf, type TestDatabase } from "@connectors/testkit";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import autocapture from "./fixtures/autocapture.json" with { type: "json" };
import featureFlagCalled from "./fixtures/feature-flag-called.json" with { type: "json" };
import signup from "./fixtures/signup.json" with { type: "json" };
import * as plugin from "./index.ts";
import { overrideConnectionTarget } from "./lib/run-query.ts";

const pgServer = await testService("postgres");
const PG_URL = urlOf(pgServer);

const dir = import.meta.dirname;

const example = [
  { event: "$autocapture", distinct_id: "d1", team_id: 2, uuid: "u1", ip: null, timestamp: "2024-03-05T10:00:00Z", properties: { $ip: "1.1.1.1", $event_type: "click", $elements: [{ tag_name: "a" }] }, $set: { x: 1 } },
  { event: "$feature_flag_called", distinct_id: "d1", team_id: 2, uuid: "u2", ip: null, timestamp: "2024-03-05T10:00:01Z", properties: {} },
  { event: "paid", distinct_id: "d2", team_id: 2, uuid: "u3", ip: null, timestamp: "2024-03-05T10:00:02.5Z", properties: { amount: 3 } },
] as ProcessedPluginEvent[];

describe.skipIf(!PG_URL)(serviceSuiteTitle("redshift", pgServer), () => {
  let db: TestDatabase;
  const server = PG_URL ? new URL(PG_URL) : undefined;
  const proxies: TcpProxy[] = [];

  beforeAll(async () => {
    db = await createTestDatabase("rsexport");
    // Stand-ins for Redshift's SUPER type and JSON_PARSE, so super mode runs end to end on PostgreSQL.
    await db.query("CREATE DOMAIN super AS jsonb");
    await db.query("CREATE FUNCTION json_parse(text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS 'SELECT $1::jsonb'");
  });
  afterAll(async () => {
    overrideConnectionTarget(undefined);
    await db?.drop();
  });
  beforeEach(() => overrideConnectionTarget({ host: server!.hostname, port: Number(server!.port) }));
  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((p) => p.stop()));
    await db.query("DROP TABLE IF EXISTS public.posthog_event");
  });

  const connect = (config: Record<string, unknown> = {}, clock = new VirtualClock("2024-03-05T10:00:00Z")) =>
    createTestConnector(dir, {
      module: plugin,
      clock,
      config: { clusterHost: "ph.abc123.eu-west-1.redshift.amazonaws.com", clusterPort: "5439", dbName: db.name, dbUsername: "postgres", dbPassword: "s3cret-pw", tableName: "posthog_event", eventsToIgnore: "$feature_flag_called", ...config },
    });
  const rows = async () => (await db.query("SELECT uuid, event, properties, elements, set, set_once, distinct_id, team_id, ip, site_url, timestamp FROM public.posthog_event ORDER BY uuid")).rows;
  const proxied = async () => {
    const proxy = new TcpProxy(PG_URL!);
    proxies.push(proxy);
    await proxy.start();
    overrideConnectionTarget({ host: "127.0.0.1", port: proxy.port });
    return proxy;
  };

  it("creates the table at setup (varchar mode)", async () => {
    const connector = await connect();
    await connector.setup();
    const columns = await db.query("SELECT column_name, data_type, character_maximum_length AS len FROM information_schema.columns WHERE table_name = 'posthog_event' ORDER BY ordinal_position");
    expect(columns.rows.map((c) => `${c.column_name} ${c.data_type}${c.len ? `(${c.len})` : ""}`)).toEqual([
      "uuid character varying(200)", "event character varying(200)", "properties character varying(65535)", "elements character varying(65535)",
      "set character varying(65535)", "set_once character varying(65535)", "timestamp timestamp with time zone", "team_id integer",
      "distinct_id character varying(200)", "ip character varying(200)", "site_url character varying(200)",
    ]);
  });

  it("writes the spec's example batch, leaving out the ignored event", async () => {
    const connector = await connect();
    await connector.exportEvents(example);
    expect(await rows()).toEqual([
      { uuid: "u1", event: "$autocapture", properties: '{"$ip":"1.1.1.1","$event_type":"click"}', elements: '[{"tag_name":"a"}]', set: '{"x":1}', set_once: "{}", distinct_id: "d1", team_id: 2, ip: "1.1.1.1", site_url: "", timestamp: new Date("2024-03-05T10:00:00Z") },
      { uuid: "u3", event: "paid", properties: '{"amount":3}', elements: "[]", set: "{}", set_once: "{}", distinct_id: "d2", team_id: 2, ip: null, site_url: "", timestamp: new Date("2024-03-05T10:00:02.500Z") },
    ]);
    expect(connector.errors).toEqual([]);
  });

  it("writes JSON through JSON_PARSE in super mode (fixed: the original bound the text 'JSON_PARSE(...)')", async () => {
    const connector = await connect({ propertiesDataType: "super" });
    await connector.exportEvents(example);
    const written = await rows();
    expect(written.map((r) => [r.uuid, r.properties, r.set, r.set_once])).toEqual([
      ["u1", { $ip: "1.1.1.1", $event_type: "click" }, { x: 1 }, {}],
      ["u3", { amount: 3 }, {}, {}],
    ]);
  });

  it("buffers onEvent on the clock and writes the fixtures in one batch", async () => {
    const clock = new VirtualClock("2024-03-05T10:00:00Z");
    const connector = await connect({}, clock);
    for (const event of [signup, autocapture, featureFlagCalled]) await connector.onEvent(structuredClone(event) as never);
    expect(await rows()).toEqual([]);
    await clock.advance(10_000);
    expect((await rows()).map((r) => [r.event, r.ip])).toEqual([["signup", "8.8.8.8"], ["$autocapture", "1.1.1.1"]]);
    expect(connector.metrics.values).toMatchObject({ events_seen: 3, events_delivered_successfully: 3 });
  });

  it("runs no statement when every event is ignored (fixed: the original sent an empty VALUES and retried forever)", async () => {
    const connector = await connect();
    await connector.setup();
    await db.query("DROP TABLE public.posthog_event"); // any statement would now fail
    await connector.exportEvents([example[1]!]);
    expect(connector.logs.filter((l) => l.level === "error")).toEqual([]);
  });

  it("skips and logs an event with an invalid timestamp, writes the rest", async () => {
    const connector = await connect();
    await connector.exportEvents([{ ...example[2]!, uuid: "bad", timestamp: "not-a-date" }, example[2]!]);
    expect((await rows()).map((r) => r.uuid)).toEqual(["u3"]);
    expect(connector.logs.find((l) => l.level === "error")?.message).toBe('event bad ("paid") has an invalid timestamp "not-a-date"; it was not inserted');
  });

  it("throws RetryError when the insert fails; the host retries after 6 s and the rows arrive once the server is back", async () => {
    const proxy = await proxied();
    const clock = new VirtualClock("2024-03-05T10:00:00Z");
    const connector = await connect({}, clock);
    await connector.setup();
    await proxy.stop();
    await expect(connector.exportEvents([example[2]!])).rejects.toMatchObject({ cause: { name: "RetryError" } });
    expect(connector.logs.at(-1)?.message).toMatch(/^Error uploading to Redshift: .*ECONNREFUSED.*\. Setting up retries\.\.\.$/);

    await connector.onEvent(example[0]!);
    await connector.flushExports();
    expect(connector.jobs.pending).toEqual([expect.objectContaining({ name: "exportEventsWithRetry", runAt: clock.now() + 6000 })]);
    await proxy.start();
    await clock.advance(6000);
    expect((await rows()).map((r) => r.uuid)).toEqual(["u1"]);
    expect(connector.errors).toEqual([]);
    expect(connector.secretsLogged).toBe(0);
  });

  it("reports the batch with its event uuids when the server stays unreachable through 6, 12 and 24 s", async () => {
    const proxy = await proxied();
    const clock = new VirtualClock("2024-03-05T10:00:00Z");
    const connector = await connect({}, clock);
    await connector.setup();
    await proxy.stop();
    await connector.onEvent(example[0]!);
    await connector.onEvent(example[2]!);
    await connector.flushExports();
    for (const wait of [6000, 12_000, 24_000]) await clock.advance(wait);
    expect(connector.errors).toEqual([{ hook: "exportEvents", eventUuids: ["u1", "u3"], message: expect.stringMatching(/still failing after 3 retries/) }]);
    expect(connector.logs.filter((l) => l.message.startsWith("Error uploading to Redshift"))).toHaveLength(4);
  });

  it("fails setup when the cluster cannot be reached or refuses the user", async () => {
    overrideConnectionTarget({ host: "127.0.0.1", port: await findClosedPort() });
    const unreachable = await connect();
    await expect(unreachable.setup()).rejects.toThrow(/Unable to connect to Redshift cluster and create table with error: .*ECONNREFUSED/);
    overrideConnectionTarget({ host: server!.hostname, port: Number(server!.port) });
    const wrongUser = await connect({ dbUsername: "nobody_here" });
    await expect(wrongUser.setup()).rejects.toThrow(/role "nobody_here" does not exist/);
    expect(wrongUser.secretsLogged).toBe(0);
  });

  it("tears down without errors", async () => {
    const connector = await connect();
    await connector.exportEvents([example[2]!]);
    await connector.teardown();
    expect(connector.logs.filter((l) => l.level === "error")).toEqual([]);
  });
});

describe("redshift config", () => {
  const base = { clusterHost: "ph.abc123.eu-west-1.redshift.amazonaws.com", clusterPort: "5439", dbName: "dev", dbUsername: "u", dbPassword: "p", uploadSeconds: "30", uploadMegabytes: "1" };

  it("disables the connector for a host that is not Redshift, before connecting", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { ...base, clusterHost: "db.example.com" } });
    await expect(connector.setup()).rejects.toThrow("Cluster host must be a valid AWS Redshift host");
  });

  it("rejects a config without clusterHost", async () => {
    const { clusterHost: _, ...rest } = base;
    await expect(createTestConnector(dir, { module: plugin, config: rest })).rejects.toThrow(/clusterHost/);
  });
});
