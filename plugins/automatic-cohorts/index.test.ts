import { createTestConnector } from "@connectors/testkit";
import { describe, expect, it } from "vitest";
import identify from "./fixtures/identify.json" with { type: "json" };
import topLevelSet from "./fixtures/top-level-set.json" with { type: "json" };
import * as plugin from "./index.ts";
import { cohortName } from "./lib/create-cohort.ts";
import { normalizeHost } from "./lib/read-settings.ts";

const dir = import.meta.dirname;
const URL = "https://posthog.example.com/api/cohort";
const config = { propertiesToTrack: "plan,company", posthogHost: "posthog.example.com", posthogApiKey: "phx_1", namingConvention: "Plan <property_name> = <property_value>" };

async function setup(overrides: Record<string, unknown> = {}, status = 201) {
  const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...overrides } });
  const auth: string[] = [];
  connector.mocks.on("POST", /\/api\/cohort$/, (request) => (auth.push(request.headers.authorization!), { status, json: { id: 1 } }));
  return { connector, auth };
}

const body = (key: string, value: unknown, name: string) => JSON.stringify({ id: "new", groups: [{ properties: [{ key, value: [value], operator: "exact", type: "person" }] }], is_static: false, name });

describe("automatic-cohorts", () => {
  it("creates the spec's example cohort once and remembers plan_pro", async () => {
    const { connector, auth } = await setup();
    await connector.onEvent(structuredClone(identify));
    await connector.onEvent(structuredClone(identify));
    expect(connector.requests).toEqual([
      { method: "POST", url: URL, headers: { authorization: "[REDACTED]", "content-type": "application/json" }, body: body("plan", "pro", "Plan plan = pro"), status: 201, via: "mock" },
    ]);
    expect(auth).toEqual(["Bearer phx_1"]);
    expect(await connector.meta.storage.get("plan_pro", false)).toBe(true);
    expect(connector.logs[0]).toMatchObject({ level: "warn", message: expect.stringContaining("This plugin is deprecated! Please move to using group analytics instead.") });
  });

  it("reads top-level $set (spec's second example)", async () => {
    const { connector } = await setup();
    await connector.onEvent(structuredClone(topLevelSet));
    expect(connector.requests.map((r) => r.body)).toEqual([body("company", "Initech", "Plan company = Initech")]);
    expect(await connector.meta.storage.get("company_Initech", false)).toBe(true);
  });

  it("lets top-level $set win over $set_once and properties.$set; only the first tracked property counts", async () => {
    const { connector } = await setup();
    await connector.onEvent({ event: "x", distinct_id: "d", team_id: 2, uuid: "u", properties: { $set: { plan: "a" }, $set_once: { plan: "b" } }, $set_once: { plan: "c", company: "X" }, $set: { plan: "d" } } as never);
    expect(connector.requests.map((r) => JSON.parse(r.body).groups[0].properties[0])).toEqual([{ key: "plan", value: ["d"], operator: "exact", type: "person" }]);
  });

  it("does nothing without tracked properties, or without properties at all (bug fix: no crash)", async () => {
    const { connector } = await setup();
    await connector.onEvent({ event: "x", distinct_id: "d", team_id: 2, uuid: "u", properties: { $set: { other: 1 } } } as never);
    await connector.onEvent({ event: "x", distinct_id: "d", team_id: 2, uuid: "u2" } as never);
    expect(connector.requests).toEqual([]);
  });

  it("does not trim tracked property names", async () => {
    const { connector } = await setup({ propertiesToTrack: "plan, company" });
    await connector.onEvent(structuredClone(topLevelSet));
    expect(connector.requests).toEqual([]);
  });

  it("uses the default host and the default naming convention", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { propertiesToTrack: "plan", posthogApiKey: "phx_1" } });
    connector.mocks.on("POST", "https://app.posthog.com/api/cohort", { status: 201 });
    await connector.onEvent(structuredClone(identify));
    expect(connector.requests.map((r) => [r.url, JSON.parse(r.body).name])).toEqual([["https://app.posthog.com/api/cohort", "Users with plan=pro"]]);
  });

  it("stringifies numeric values in the storage key but keeps them typed in the cohort", async () => {
    const { connector } = await setup({ propertiesToTrack: "seats" });
    await connector.onEvent({ event: "x", distinct_id: "d", team_id: 2, uuid: "u", properties: { $set: { seats: 5 } } } as never);
    expect(JSON.parse(connector.requests[0]!.body).groups[0].properties[0].value).toEqual([5]);
    expect(await connector.meta.storage.get("seats_5", false)).toBe(true);
  });

  it("throws on a non-2xx answer, logs the event uuid and tries again on the next event", async () => {
    const { connector } = await setup({}, 500);
    await expect(connector.onEvent(structuredClone(identify))).rejects.toThrow("Failed to create cohort. Response status: 500");
    expect(connector.logs.at(-1)?.message).toBe(`Cohort for plan=pro not created (event ${identify.uuid}): Failed to create cohort. Response status: 500`);
    expect(await connector.meta.storage.get("plan_pro", false)).toBe(false);
    await expect(connector.onEvent(structuredClone(identify))).rejects.toThrow();
    expect(connector.requests).toHaveLength(2);
  });

  it("lets a network error propagate", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config });
    connector.mocks.on("POST", URL, { error: "ECONNREFUSED" });
    await expect(connector.onEvent(structuredClone(identify))).rejects.toThrow(/ECONNREFUSED/);
  });

  it("refuses a naming convention without <property_value>", async () => {
    const { connector } = await setup({ namingConvention: "Users with <property_name>" });
    await expect(connector.setup()).rejects.toThrow("Invalid naming convention! Make sure to include <property_value>.");
  });

  it("refuses a config without the API key or the properties", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { propertiesToTrack: "plan" } })).rejects.toThrow(/posthogApiKey/);
    await expect(createTestConnector(dir, { module: plugin, config: { posthogApiKey: "phx" } })).rejects.toThrow(/propertiesToTrack/);
  });
});

describe("helpers", () => {
  it.each([
    ["posthog.example.com", "https://posthog.example.com"],
    ["http://localhost:8000/", "http://localhost:8000"],
    ["https://eu.posthog.com", "https://eu.posthog.com"],
    ["httpbin.example.com", "https://httpbin.example.com"],
    [undefined, "https://app.posthog.com"],
  ])("normalizeHost(%j) = %s", (raw, host) => expect(normalizeHost(raw)).toBe(host));

  it("replaces only the first placeholders, literally", () => {
    expect(cohortName("<property_name>:<property_value> <property_value>", "p", "$&")).toBe("p:$& <property_value>");
  });
});
