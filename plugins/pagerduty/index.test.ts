import { VirtualClock, createTestConnector } from "@connectors/testkit";
import { describe, expect, it } from "vitest";
import conformance from "./fixtures/conformance.json" with { type: "json" };
import * as plugin from "./index.ts";
import { isInError, parseTrendUrl } from "./lib/read-trend.ts";

const dir = import.meta.dirname;
const config = { ...conformance.config, posthogApiKey: "phx_k", pagerdutyIntegrationKey: "R0UT" };
const INSIGHT = "https://ph.test/api/projects/7/insights?short_id=Zx9";
const ENQUEUE = "https://events.pagerduty.com/v2/enqueue";
const trend = (data: number[]) => ({ json: { results: [{ short_id: "Zx9", filters: { insight: "TRENDS" }, result: [{ label: "$pageview", data }] }] } });

async function connect(overrides: Record<string, unknown> = {}, clock = new VirtualClock("2024-05-01T10:00:30.000Z")) {
  const connector = await createTestConnector(dir, { module: plugin, clock, config: { ...config, ...overrides } });
  const events: Array<Record<string, unknown>> = [];
  const headers: Array<Record<string, string>> = [];
  let n = 0;
  const accept = (request: { json(): any; headers: Record<string, string> }) => {
    events.push(request.json());
    headers.push(request.headers);
    return { status: 202, json: { status: "success", message: "Event processed", dedup_key: request.json().dedup_key ?? `dk-${++n}` } };
  };
  return { connector, clock, events, headers, accept };
}

describe("pagerduty", () => {
  it("triggers an incident when the last two points are at or under the threshold (example A)", async () => {
    const { connector, events, headers, accept } = await connect();
    const auth: Array<string | undefined> = [];
    connector.mocks.on("GET", INSIGHT, (r) => (auth.push(r.headers.authorization), trend([40, 0, 0])));
    connector.mocks.on("POST", ENQUEUE, accept);
    await connector.runTask("runEveryMinute");
    expect(auth).toEqual(["Bearer phx_k"]);
    expect(events).toEqual([
      {
        routing_key: "R0UT",
        event_action: "trigger",
        payload: { summary: "Posthog query returned result outside threshold", source: "ph-prod", severity: "critical", custom_details: { operator: "≤ Less than or equal", threshold: "0" } },
        links: [{ href: "https://ph.test/insights/Zx9", text: "Posthog Trends API query url" }],
      },
    ]);
    expect(headers[0]).toMatchObject({ "content-type": "application/json", accept: "application/vnd.pagerduty+json;version=2" });
    expect(headers[0]!.authorization).toBeUndefined();
    expect(await connector.meta.cache.get("pagerduty_active_incident", null)).toBe("dk-1");
    expect(connector.logs.map((l) => l.message)).toContain("Triggered pagerduty incident dk-1");
    expect(JSON.stringify(connector.requests)).not.toMatch(/R0UT|phx_k/);
  });

  it("resolves the open incident once the data recovers (example B)", async () => {
    const { connector, events, accept } = await connect();
    await connector.meta.cache.set("pagerduty_active_incident", "dk-1");
    connector.mocks.on("GET", INSIGHT, trend([0, 0, 5])).on("POST", ENQUEUE, accept);
    await connector.runTask("runEveryMinute");
    expect(events).toEqual([{ routing_key: "R0UT", event_action: "resolve", dedup_key: "dk-1" }]);
    expect(await connector.meta.cache.get("pagerduty_active_incident", null)).toBeNull();
  });

  it.each([
    [[90, 150], 0],
    [[120, 150], 1],
    [[150], 1],
  ])("compares with ≥ (example C): data %j → %i trigger", async (data, triggers) => {
    const { connector, events, accept } = await connect({ operator: "≥ Greater than or equal", threshold: "100" });
    connector.mocks.on("GET", INSIGHT, trend(data)).on("POST", ENQUEUE, accept);
    await connector.runTask("runEveryMinute");
    expect(events).toHaveLength(triggers);
  });

  it("triggers once and stays quiet while the incident is open, then resolves, on the schedule", async () => {
    const clock = new VirtualClock("2024-05-01T10:00:30.000Z");
    const { connector, events, accept } = await connect({}, clock);
    const series = [[0, 0], [0, 0], [0, 0], [3, 4], [3, 4]];
    connector.mocks.on("GET", INSIGHT, () => trend(series.shift() ?? [3, 4]));
    connector.mocks.on("POST", ENQUEUE, accept);
    connector.startSchedule();
    await clock.advance(5 * 60_000);
    expect(events.map((e) => e.event_action)).toEqual(["trigger", "resolve"]);
    expect(connector.logs.filter((l) => l.message === "Pagerduty incident is active, ignoring error for now")).toHaveLength(2);
    expect(connector.logs.filter((l) => l.message === "All good! 😍")).toHaveLength(1);
    await connector.teardown();
  });

  it.each([
    ["trigger", null, [0, 0]],
    ["resolve", "dk-9", [5, 5]],
  ])("keeps the state and retries next minute when PagerDuty refuses a %s (429)", async (_, active, data) => {
    const { connector, events, accept } = await connect();
    if (active) await connector.meta.cache.set("pagerduty_active_incident", active);
    connector.mocks.on("GET", INSIGHT, trend(data));
    connector.mocks.once("POST", ENQUEUE, { status: 429, headers: { "retry-after": "30" }, body: "rate limited" });
    connector.mocks.on("POST", ENQUEUE, accept);
    await expect(connector.runTask("runEveryMinute")).rejects.toThrow("Error from PagerDuty API: status=429 response=rate limited");
    expect(await connector.meta.cache.get("pagerduty_active_incident", null)).toBe(active);
    await connector.runTask("runEveryMinute");
    expect(events).toHaveLength(1);
    expect(await connector.meta.cache.get("pagerduty_active_incident", null)).toBe(active ? null : "dk-1");
  });

  it.each([
    ["no result", { json: { results: [{ filters: { insight: "TRENDS" }, result: [] }] } }, "Insight returned no result"],
    ["no data", { json: { results: [{ filters: { insight: "TRENDS" }, result: [{ data: [] }] }] } }, "Insight returned no data"],
  ])("leaves an open incident alone when the insight has %s", async (_, response, warning) => {
    const { connector } = await connect();
    await connector.meta.cache.set("pagerduty_active_incident", "dk-1");
    connector.mocks.on("GET", INSIGHT, response);
    await connector.runTask("runEveryMinute");
    expect(connector.requests).toHaveLength(1);
    expect(await connector.meta.cache.get("pagerduty_active_incident", null)).toBe("dk-1");
    expect(connector.logs.filter((l) => l.level === "warn").map((l) => l.message)).toEqual([warning]);
  });

  it.each([
    [{ json: { results: [] } }, "Insight Zx9 not found"],
    [{ json: { results: [{ filters: { insight: "FUNNELS" } }] } }, "The provided insight is not a trend"],
    [{ json: { results: [{ result: [] }] } }, "The provided insight is not a trend"],
    [{ status: 401, body: "bad key" }, "Error from PostHog API: status=401 response=bad key"],
  ])("throws a clear error for insight answer %j", async (response, message) => {
    const { connector } = await connect();
    connector.mocks.on("GET", INSIGHT, response);
    await expect(connector.runTask("runEveryMinute")).rejects.toThrow(message);
  });

  it("accepts /insights/<id> and /project/<n>/insights/<id>, rejects anything else", async () => {
    expect(parseTrendUrl("https://ph.test/insights/Zx9/")).toEqual({ origin: "https://ph.test", shortId: "Zx9" });
    expect(parseTrendUrl("https://ph.test/project/7/insights/Zx9")).toEqual({ origin: "https://ph.test", shortId: "Zx9" });
    for (const bad of ["https://ph.test/insights", "https://ph.test/insights/Zx9/edit", "https://ph.test/dashboard/1", "not a url"]) {
      expect(() => parseTrendUrl(bad)).toThrow(`Not a valid trends URL: ${bad}`);
    }
    const { connector } = await connect({ posthogTrendUrl: "https://ph.test/insights/new/edit" });
    await expect(connector.runTask("runEveryMinute")).rejects.toThrow("Not a valid trends URL: https://ph.test/insights/new/edit");
    expect(connector.requests).toEqual([]);
  });

  it.each(["abc", "", "1x"])("refuses a non-numeric threshold %j", async (threshold) => {
    const { connector } = await connect({ threshold: threshold || " " });
    await expect(connector.runTask("runEveryMinute")).rejects.toThrow("threshold must be a number");
  });

  it("compares only the last two points", () => {
    expect(isInError([9, 0, 0], "≤ Less than or equal", 0)).toBe(true);
    expect(isInError([0, 9, 0], "≤ Less than or equal", 0)).toBe(false);
    expect(isInError([0.5, 1], "≥ Greater than or equal", 0.5)).toBe(true);
  });

  it("rejects an operator that is not one of the choices", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { ...config, operator: "<= Less than or equal" } })).rejects.toThrow(/operator/);
  });
});
