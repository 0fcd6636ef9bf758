import { createTestConnector, VirtualClock } from "@connectors/testkit";
import { describe, expect, it } from "vitest";
import orderPlaced from "./fixtures/order-placed.json" with { type: "json" };
import signup from "./fixtures/signup.json" with { type: "json" };
import * as plugin from "./index.ts";
import { parseEventNumbers } from "./lib/read-settings.ts";

const dir = import.meta.dirname;
const URL = "https://api.twilio.com/2010-04-01/Accounts/AC0001/Messages.json";
const config = { accountSID: "AC0001", authToken: "authtok", triggeringEventsAndNumber: "order_placed:+4915112345678, refund:+14155550100", senderPhoneNumber: "+12025550123", timeout: "600" };

async function setup(overrides: Record<string, unknown> = {}, clock = new VirtualClock("2024-03-05T10:00:00.000Z")) {
  const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...overrides }, clock });
  const auth: string[] = [];
  const answer = (response: { status?: number; json?: unknown; error?: string } = { status: 201, json: { sid: "SM1", status: "queued" } }) =>
    connector.mocks.on("POST", URL, (request) => (auth.push(request.headers.authorization!), response));
  return { connector, auth, answer, clock };
}

describe("twilio", () => {
  it("sends the spec's example SMS, form-encoded (bug fixes: the job runs, + is %2B)", async () => {
    const { connector, auth, answer } = await setup();
    answer();
    await connector.onEvent(structuredClone(orderPlaced));
    expect(connector.requests).toEqual([
      {
        method: "POST",
        url: URL,
        headers: { authorization: "[REDACTED]", "content-type": "application/x-www-form-urlencoded" },
        body: "Body=Hi+order_placed+occured+-+PostHog&From=%2B12025550123&To=%2B4915112345678",
        status: 201,
        via: "mock",
      },
    ]);
    expect(auth).toEqual(["Basic QUMwMDAxOmF1dGh0b2s="]);
    expect(connector.errors).toEqual([]);
  });

  it("throttles the same event and number for `timeout` seconds on the clock", async () => {
    const { connector, answer, clock } = await setup();
    answer();
    await connector.onEvent(structuredClone(orderPlaced));
    await clock.advance(599_000);
    await connector.onEvent(structuredClone(orderPlaced));
    expect(connector.requests).toHaveLength(1);
    await clock.advance(2_000);
    await connector.onEvent(structuredClone(orderPlaced));
    expect(connector.requests).toHaveLength(2);
  });

  it("sends nothing for an event without a number", async () => {
    const { connector } = await setup();
    await connector.onEvent(structuredClone(signup));
    expect(connector.requests).toEqual([]);
    expect(connector.jobs.pending).toEqual([]);
  });

  it("enqueues sendMessageWithTwilio with runNow (run by the harness)", async () => {
    const { connector, answer } = await setup();
    answer();
    const manual = await createTestConnector(dir, { module: plugin, config, autoRunJobs: false });
    await manual.onEvent(structuredClone(orderPlaced));
    expect(manual.jobs.pending.map((j) => [j.name, j.payload])).toEqual([["sendMessageWithTwilio", { eventName: "order_placed", uuid: orderPlaced.uuid }]]);
    await connector.runJob("sendMessageWithTwilio", { eventName: "refund" });
    expect(connector.requests[0]!.body).toBe("Body=Hi+refund+occured+-+PostHog&From=%2B12025550123&To=%2B14155550100");
  });

  it("logs a Twilio 400 with the event and keeps the throttle", async () => {
    const { connector, answer } = await setup();
    answer({ status: 400, json: { code: 21211, message: "invalid To" } });
    await connector.onEvent(structuredClone(orderPlaced));
    await connector.onEvent(structuredClone(orderPlaced));
    expect(connector.requests).toHaveLength(1);
    expect(connector.logs.at(-1)).toMatchObject({ level: "error", message: 'Twilio answered HTTP 400 for order_placed to +4915112345678: {"code":21211,"message":"invalid To"}' });
  });

  it("retries a network error once, then fails the job (reported with the event uuid)", async () => {
    const { connector, answer } = await setup();
    answer({ error: "ECONNRESET" });
    await connector.onEvent(structuredClone(orderPlaced));
    expect(connector.requests).toHaveLength(2);
    expect(connector.errors).toEqual([{ hook: "job sendMessageWithTwilio", message: expect.stringContaining(`POST request to ${URL} failed.`) }]);
    expect(connector.logs.some((l) => l.level === "error" && l.message.includes(orderPlaced.uuid))).toBe(true);
    expect(connector.secretsLogged).toBe(0);
  });

  it("delivers when the single immediate retry succeeds", async () => {
    const { connector } = await setup();
    connector.mocks.once("POST", URL, { error: "ECONNRESET" });
    connector.mocks.once("POST", URL, { status: 201 });
    await connector.onEvent(structuredClone(orderPlaced));
    expect(connector.requests.map((r) => r.status ?? r.error)).toEqual(["fetch failed: ECONNRESET", 201]);
    expect(connector.errors).toEqual([]);
  });

  it.each([["0"], ["-5"], ["31536001"], ["abc"], [""]])("rejects timeout %j at setup", async (timeout) => {
    const connector = await createTestConnector(dir, { module: plugin, config: { ...config, timeout } }).catch((e: Error) => e);
    if (connector instanceof Error) return expect(connector.message).toMatch(/timeout/);
    await expect(connector.setup()).rejects.toThrow("timeout is not supported");
  });

  it("accepts the 365-day maximum", async () => {
    const { connector } = await setup({ timeout: "31536000" });
    await expect(connector.setup()).resolves.toBeUndefined();
  });

  it.each([["accountSID"], ["triggeringEventsAndNumber"], ["senderPhoneNumber"]])("rejects the placeholder default of %s", async (key) => {
    const { [key as keyof typeof config]: _dropped, ...rest } = config;
    const connector = await createTestConnector(dir, { module: plugin, config: rest });
    await expect(connector.setup()).rejects.toThrow(new RegExp(`^.*${key} still holds the placeholder`));
  });

  it("rejects the original's authToken placeholder; a missing authToken is a config error", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { ...config, authToken: undefined } })).rejects.toThrow(/authToken/);
    const connector = await createTestConnector(dir, { module: plugin, config: { ...config, authToken: "{your token}" } });
    await expect(connector.setup()).rejects.toThrow("authToken still holds the placeholder value");
  });
});

describe("parseEventNumbers", () => {
  it("trims, lets later duplicates win and maps items without ':' to undefined", () => {
    expect(parseEventNumbers(" a : +1 , b:+2,a:+3, c ")).toEqual({ a: "+3", b: "+2", c: undefined });
  });
});
