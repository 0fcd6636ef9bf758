import { createTestConnector, VirtualClock } from "@connectors/testkit";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import signedUp from "./fixtures/signed-up.json" with { type: "json" };
import * as plugin from "./index.ts";
import { propertyType } from "./lib/property-type.ts";

let uuids: string[] = [];
vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  return { ...real, randomUUID: () => uuids.shift() ?? real.randomUUID() };
});

const dir = import.meta.dirname;
const URL = "https://api.avo.app/inspector/posthog/v1/track";
const config = { avoApiKey: "avo_k", environment: "prod", appName: "Shop" };
const batch = [
  { event: "Signed Up", uuid: "e-1", distinct_id: "d", properties: { plan: "pro", seats: 3, price: 9.99, trial: true, tags: ["a"], meta: { x: 1 }, coupon: null, $browser: "Chrome" } },
  { event: "$pageview", uuid: "e-2", properties: { $current_url: "https://x" } },
] as unknown as ProcessedPluginEvent[];
const headers = { env: "prod", "api-key": "[REDACTED]", "content-type": "application/json", accept: "application/json" };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2024-03-05T10:30:00.000Z"));
  uuids = ["S", "M-1"];
});
afterEach(() => vi.useRealTimers());

async function setup(overrides: Record<string, unknown> = {}, clock?: VirtualClock) {
  const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...overrides }, ...(clock ? { clock } : {}) });
  const seen: Array<{ headers: Record<string, string>; body: unknown }> = [];
  const answer = (...responses: Array<{ status?: number; json?: unknown; body?: string; error?: string }>) =>
    connector.mocks.on("POST", URL, (request) => (seen.push({ headers: request.headers, body: request.json() }), responses.shift() ?? { status: 200, json: { ok: true } }));
  return { connector, seen, answer };
}

describe("avo", () => {
  it("sends the spec's example: a session start, then the schema of the custom event only", async () => {
    const { connector, seen, answer } = await setup();
    answer();
    await connector.exportEvents(batch);
    const sessionStart = [{ apiKey: "avo_k", env: "prod", appName: "Shop", createdAt: "2024-03-05T10:30:00.000Z", sessionId: "S", appVersion: "1.0.0", libVersion: "1.0.1", libPlatform: "node", messageId: "M-1", trackingId: "", samplingRate: 1, type: "sessionStarted" }];
    const events = [
      {
        apiKey: "avo_k", env: "prod", appName: "Shop", sessionId: "S", createdAt: "2024-03-05T10:30:00.000Z", avoFunction: false, eventId: null, eventHash: null,
        appVersion: "1.0.0", libVersion: "1.0.0", libPlatform: "node", messageId: "e-1", trackingId: "", samplingRate: 1, type: "event", eventName: "Signed Up",
        eventProperties: [
          { propertyName: "plan", propertyType: "string" },
          { propertyName: "seats", propertyType: "int" },
          { propertyName: "price", propertyType: "float" },
          { propertyName: "trial", propertyType: "boolean" },
          { propertyName: "tags", propertyType: "list" },
          { propertyName: "meta", propertyType: "object" },
          { propertyName: "coupon", propertyType: "null" },
        ],
      },
    ];
    const redacted = (value: unknown) => JSON.stringify(value).replaceAll("avo_k", "[REDACTED]");
    expect(connector.requests).toEqual([
      { method: "POST", url: URL, headers, body: redacted(sessionStart), status: 200, via: "mock" },
      { method: "POST", url: URL, headers, body: redacted(events), status: 200, via: "mock" },
    ]);
    expect(seen.map((s) => s.body)).toEqual([sessionStart, events]);
    expect(seen[0]!.headers["api-key"]).toBe("avo_k");
  });

  it("sends nothing for a batch of only $ events (bug fix) or an empty batch", async () => {
    const { connector } = await setup();
    await connector.exportEvents([batch[1]!, { ...batch[1]!, event: "$identify", uuid: "e-3" }]);
    await connector.exportEvents([]);
    expect(connector.requests).toEqual([]);
  });

  it("uses the default environment and app name", async () => {
    const { connector, seen, answer } = await setup({ environment: undefined, appName: undefined });
    answer();
    await connector.exportEvents([batch[0]!]);
    expect(seen[0]!.headers.env).toBe("dev");
    expect(seen[0]!.body).toEqual([expect.objectContaining({ env: "dev", appName: "PostHog" })]);
  });

  it("gives an event without properties an empty eventProperties list", async () => {
    const { connector, seen, answer } = await setup();
    answer();
    await connector.exportEvents([{ event: "Ping", uuid: "e-9", distinct_id: "d" } as unknown as ProcessedPluginEvent]);
    expect((seen[1]!.body as Array<{ eventProperties: unknown }>)[0]!.eventProperties).toEqual([]);
  });

  it.each([
    ["the session start fails", [{ status: 500, body: "down" }], 1, "HTTP 500 down"],
    ["the track call answers 503", [{ status: 200, json: {} }, { status: 503 }], 2, "HTTP 503"],
    ["the track call answers {ok:false}", [{ status: 200, json: {} }, { status: 200, json: { ok: false } }], 2, 'Avo answered {"ok":false}'],
    ["the track call answers a non-JSON body", [{ status: 200, json: {} }, { status: 200, body: "fine" }], 2, 'unexpected response body "fine"'],
    ["the track call answers 201", [{ status: 200, json: {} }, { status: 201, json: { ok: true } }], 2, 'HTTP 201 {"ok":true}'],
    ["the network fails", [{ error: "ECONNRESET" }], 1, "fetch failed: ECONNRESET"],
  ])("never throws when %s: logs the error with the event uuids", async (_what, responses, calls, message) => {
    const { connector, answer } = await setup();
    answer(...responses);
    await expect(connector.exportEvents(batch)).resolves.toBeUndefined();
    expect(connector.requests).toHaveLength(calls);
    expect(connector.logs.at(-1)).toMatchObject({ level: "error", message: `Unable to send data to Avo with error: ${message} (events not sent: e-1)` });
  });

  it("runs through the host's export buffer on the clock", async () => {
    const clock = new VirtualClock("2024-03-05T10:30:00.000Z");
    const { connector, answer } = await setup({}, clock);
    answer();
    await connector.onEvent(structuredClone(signedUp));
    expect(connector.requests).toHaveLength(0);
    await clock.advance(10_000);
    expect(connector.requests).toHaveLength(2);
    expect(connector.errors).toEqual([]);
  });

  it("refuses a config without avoApiKey", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: {} })).rejects.toThrow(/avoApiKey/);
  });
});

describe("propertyType", () => {
  it.each([
    [null, "null"], [undefined, "null"], [BigInt(10), "int"], ["x", "string"], [2, "int"], [2.0, "int"], [2.5, "float"], [false, "boolean"], [[], "list"], [{}, "object"], [() => 1, "function"],
  ])("%s -> %s", (value, type) => expect(propertyType(value)).toBe(type));
});
