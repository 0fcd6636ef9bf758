import { readFileSync } from "node:fs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FetchInterceptor, PluginChain, VirtualClock, createConnector, createMmdbGeoIP, createTestCityDatabase } from "@connectors/harness";
import { main } from "@connectors/cli";
import { describe, expect, it } from "vitest";
import { legacyConnectorDir } from "./index.ts";

const event = (overrides: Record<string, unknown> = {}): any => ({
  uuid: "01932f3c-0000-7000-8000-000000000099",
  event: "purchase",
  distinct_id: "1",
  team_id: 2,
  ip: null,
  site_url: "",
  now: "2024-01-01T00:00:00Z",
  timestamp: "2024-01-01T00:00:00Z",
  properties: {},
  ...overrides,
});

describe("exportEvents of a legacy connector (patterns-export) under the harness", () => {
  const webhookUrl = "https://api-production.patterns.app/api/app/webhooks/wh1";

  it("buffers, exports on teardown, and retries RetryError after 6 s then 12 s", async () => {
    const clock = new VirtualClock("2024-01-01T00:00:00.000Z");
    const attempts: number[] = [];
    const fetch = new FetchInterceptor().on("POST", webhookUrl, () => {
      attempts.push(clock.now());
      return attempts.length < 3 ? { status: 503, body: "busy" } : { status: 200, body: "ok" };
    });
    const connector = await createConnector(legacyConnectorDir("patterns-export"), { config: { webhookUrl }, clock, fetch });
    await connector.onEvent(event());
    await connector.onEvent(event({ event: "signup" }));
    expect(attempts).toEqual([]);
    await connector.flushExports();
    expect(attempts).toHaveLength(1);
    await clock.advance(6_000);
    expect(attempts).toHaveLength(2);
    await clock.advance(12_000);
    expect(attempts.map((t) => (t - attempts[0]!) / 1000)).toEqual([0, 6, 18]);
    expect(JSON.parse(connector.requests.at(-1)!.body as string).map((e: any) => e.event)).toEqual(["purchase", "signup"]);
    expect(connector.logs.filter((l) => l.level === "error").map((l) => l.message)).toContain("Patterns webhook answered 503: busy");
    await connector.teardown();
  });

  it("flushes after exportEventsBufferSeconds on the virtual clock and honours exportEventsToIgnore", async () => {
    const clock = new VirtualClock();
    const fetch = new FetchInterceptor().on("POST", webhookUrl, { status: 200, body: "ok" });
    const connector = await createConnector(legacyConnectorDir("patterns-export"), { config: { webhookUrl, exportEventsToIgnore: "$pageview, ignored", exportEventsBufferSeconds: "5" } as never, clock, fetch });
    await connector.onEvent(event({ event: "$pageview" }));
    await connector.onEvent(event({ event: "ignored" }));
    await connector.onEvent(event({ event: "kept" }));
    await clock.advance(5_000);
    expect(connector.requests).toHaveLength(1);
    expect(JSON.parse(connector.requests[0]!.body as string).map((e: any) => e.event)).toEqual(["kept"]);
  });
});

describe("legacy connectors chained in order", () => {
  it("hello-world-cjs -> taxonomy-batch -> downsampling-ts", async () => {
    const hello = await createConnector(legacyConnectorDir("hello-world-cjs"), { config: { bar: "hey" } });
    const taxonomy = await createConnector(legacyConnectorDir("taxonomy-batch"), { config: { defaultNamingConvention: "snake_case" } });
    const downsampling = await createConnector(legacyConnectorDir("downsampling-ts"), { config: { percentage: "100" } });
    const chain = new PluginChain([{ connector: downsampling, order: 3 }, { connector: taxonomy, order: 2 }, { connector: hello, order: 1 }]);
    const { event: out } = await chain.processEvent(event({ event: "orderCompleted" }));
    expect(out).toMatchObject({ event: "order_completed", properties: { greeting: "hey", $plugins_succeeded: ["Hello World (legacy) (3)", "Taxonomy (legacy) (2)", "Downsampling (legacy) (1)"], $plugins_failed: [] } });
  });
});

describe("geoip-enrich through the harness and the CLI", () => {
  it("enriches with a real .mmdb (--geoip)", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "legacy-geo-")), "City.mmdb");
    writeFileSync(file, createTestCityDatabase());
    const connector = await createConnector(legacyConnectorDir("geoip-enrich"), { geoip: createMmdbGeoIP(file) });
    expect((await connector.processEvent(event({ properties: { $ip: "81.2.69.160" } })))?.properties).toMatchObject({ $geoip_city_name: "London", $geoip_country_code: "GB" });
    let stdout = "";
    const code = await main(["run", legacyConnectorDir("geoip-enrich"), "--geoip", file, "--event", JSON.stringify(event({ properties: { $ip: "89.160.20.129" } })), "--json"], { stdout: (t) => (stdout += t), stderr: () => {}, cwd: process.cwd() });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).result.$set).toMatchObject({ $geoip_city_name: "Linköping" });
    expect(readFileSync(file).subarray(-200).includes(Buffer.from("GeoLite2-City"))).toBe(true);
  });
});

describe("jobs, metrics and utils.cursor of a legacy connector (jobs-metrics-cursor)", () => {
  it("counts with a cursor, records metrics, and runs the job runIn(5, 'minutes') on the virtual clock", async () => {
    const clock = new VirtualClock("2024-01-01T00:00:00.000Z");
    const connector = await createConnector(legacyConnectorDir("jobs-metrics-cursor"), { clock });
    expect((await connector.processEvent(event({ event: "$pageview" })))?.properties).toMatchObject({ event_number: 101 });
    expect((await connector.processEvent(event({ properties: { amount: 30 } })))?.properties).toMatchObject({ event_number: 102 });
    await connector.processEvent(event({ properties: { amount: 12 } }));
    expect(connector.metrics.values).toMatchObject({ events_counted: 3, biggest_purchase: 30 });
    expect(connector.jobs.pending.map((j) => [j.name, new Date(j.runAt).toISOString()])).toEqual([
      ["followUp", "2024-01-01T00:05:00.000Z"],
      ["followUp", "2024-01-01T00:05:00.000Z"],
    ]);
    expect(connector.captured).toEqual([]);
    await clock.advance(5 * 60_000);
    await connector.runDueJobs();
    expect(connector.captured.map((c) => c.properties)).toMatchObject([
      { amount: 30, followups_sent: 1 },
      { amount: 12, followups_sent: 2 },
    ]);
    expect(await connector.meta.storage.get("followups_sent", 0)).toBe(2);
  });
});
