import { createSyncedClock, createTestConnector } from "@connectors/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";
import conformance from "./fixtures/conformance.json" with { type: "json" };
import * as plugin from "./index.ts";
import { parseWorkspaces } from "./lib/fetch-report.ts";

const dir = import.meta.dirname;
const report = conformance.responses[0]!.json;
const url = (ws: string) => `https://app.orbit.love/api/v1/${ws}/reports`;
const shared = { workspace: "acme", timeframe_start_date: "2024-04-01", timeframe_end_date: "2024-04-30", timeframe_start_date_last: "2024-03-01", timeframe_end_date_last: "2024-03-31" };

/** Clocks here also move `Date`: the connector reads the hour from `Date`. */
const syncedClock = (start = "2024-05-01T10:00:00.000Z") => createSyncedClock(vi, start);

const connect = (workspaceId: string, clock = syncedClock()) => createTestConnector(dir, { module: plugin, clock, config: { orbitApiKey: "ob_1", workspaceId } });
const props = (connector: { captured: Array<{ properties: Record<string, unknown> }> }) =>
  connector.captured.map(({ properties: { $lib, $lib_version, distinct_id, ...rest } }) => rest);

afterEach(() => vi.useRealTimers());

describe("orbit-love", () => {
  it("captures overview, members and activities for one workspace (example A)", async () => {
    const connector = await connect("acme");
    const auth: Array<string | undefined> = [];
    connector.mocks.on("GET", url("acme"), (r) => (auth.push(r.headers.authorization), { json: report }));
    await connector.runTask("runEveryHour");
    expect(auth).toEqual(["Bearer ob_1"]);
    expect(connector.captured.map((e) => [e.event, e.distinct_id])).toEqual(Array(3).fill(["orbit love report", "Orbit Love Report Sync"]));
    expect(props(connector)).toEqual([
      { "report type": "overview", members_count: 120, members_count_last: 100, ...shared },
      { "report type": "members", active_count: 40, ...shared },
      { "report type": "activities", activities_count: 900, ...shared },
    ]);
    expect(JSON.stringify(connector.requests)).not.toContain("ob_1");
  });

  it("trims workspace ids, logs a failed one and goes on (example B)", async () => {
    const connector = await connect("acme, ghost,,");
    connector.mocks.on("GET", url("acme"), { json: report }).on("GET", url("ghost"), { status: 404, json: { error: "not found" } });
    await connector.runTask("runEveryHour");
    expect(connector.requests.map((r) => r.url)).toEqual([url("acme"), url("ghost")]);
    expect(connector.captured).toHaveLength(3);
    expect(connector.logs.filter((l) => l.level === "error").map((l) => l.message)).toEqual(["Orbit report failed for workspace ghost: status=404"]);
    expect(parseWorkspaces(" a ,b,, ")).toEqual(["a", "b"]);
  });

  it.each([
    [{ status: 401, json: { error: "Unauthorized" } }, "status=401"],
    [{ status: 429, headers: { "retry-after": "60" }, json: { error: "slow down" } }, "status=429"],
    [{ json: { data: {} } }, "status=200"],
    [{ error: "ECONNRESET" }, "ECONNRESET"],
  ])("throws when every workspace failed (%j)", async (response, detail) => {
    const connector = await connect("acme");
    connector.mocks.on("GET", url("acme"), response);
    await expect(connector.runTask("runEveryHour")).rejects.toThrow(new RegExp(`Orbit report failed for workspace acme: .*${detail}`));
    expect(connector.captured).toEqual([]);
  });

  it("runs hourly on the schedule (not every minute) and never captures a workspace twice in one hour", async () => {
    const clock = syncedClock("2024-05-01T09:30:00.000Z");
    const connector = await connect("acme,beta", clock);
    connector.mocks.on("GET", url("acme"), { json: report });
    connector.mocks.once("GET", url("beta"), { status: 500 });
    connector.mocks.on("GET", url("beta"), { json: { data: { attributes: { ...report.data.attributes, workspace_id: "beta" } } } });
    connector.startSchedule();
    await clock.advance(45 * 60_000); // 10:00 run: acme ok, beta fails
    expect(connector.captured.map((e) => e.properties.workspace)).toEqual(["acme", "acme", "acme"]);
    await connector.runTask("runEveryHour"); // same hour again: acme skipped, beta retried
    expect(connector.requests.map((r) => r.url)).toEqual([url("acme"), url("beta"), url("beta")]);
    expect(connector.captured.map((e) => e.properties.workspace)).toEqual(["acme", "acme", "acme", "beta", "beta", "beta"]);
    await clock.advance(60 * 60_000); // 11:00
    expect(connector.captured).toHaveLength(12);
    expect(connector.plugin.runEveryMinute).toBeUndefined();
    await connector.teardown();
  });

  it("passes a missing section through as nothing, shared fields winning clashes", async () => {
    const connector = await connect("acme");
    connector.mocks.on("GET", url("acme"), { json: { data: { attributes: { workspace_id: "acme", timeframe: {}, overview: { workspace: "clash", n: 1 } } } } });
    await connector.runTask("runEveryHour");
    expect(props(connector)[0]).toEqual({ "report type": "overview", n: 1, workspace: "acme" });
    expect(props(connector)[1]).toEqual({ "report type": "members", workspace: "acme" });
  });

  it("rejects a config without API key or workspace", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { workspaceId: "acme" } })).rejects.toThrow(/orbitApiKey/);
    await expect(createTestConnector(dir, { module: plugin, config: { orbitApiKey: "x" } })).rejects.toThrow(/workspaceId/);
  });
});
