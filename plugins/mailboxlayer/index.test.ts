import { createTestConnector } from "@connectors/testkit";
import type { PluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import * as plugin from "./index.ts";
import { findEmail } from "./lib/find-email.ts";
import { encodeEmail } from "./lib/score-email.ts";

const dir = import.meta.dirname;
const BASE = "https://apilayer.net/api/check?access_key=K1";
const SETUP_URL = `${BASE}&email=test@example.com&format=1`;
const SCORE = { email: "x", did_you_mean: "", format_valid: true, mx_found: true, smtp_check: true, score: 0.8 };

type Answer = { status?: number; json?: unknown; error?: string };

async function connect(answer: (url: string) => Answer = () => ({ json: SCORE })) {
  const connector = await createTestConnector(dir, { module: plugin, config: { mailboxlayerApiKey: "K1" } });
  const urls: string[] = [];
  connector.mocks.on("GET", "https://apilayer.net/api/check*", (request) => (urls.push(request.url), answer(request.url)));
  return { connector, urls };
}

async function batch(events: Array<Partial<PluginEvent>>, answer?: (url: string) => Answer) {
  const { connector, urls } = await connect(answer);
  await connector.setup();
  const out = await plugin.processEventBatch(events as PluginEvent[], connector.meta as never);
  return { out, urls: urls.slice(1), connector };
}

const identify = (fields: Partial<PluginEvent>): Partial<PluginEvent> => ({ event: "$identify", team_id: 2, uuid: "00000000-0000-4000-8000-000000000001", ...fields });

describe("findEmail / encodeEmail", () => {
  it.each([
    [{ distinct_id: "jane@acme.io" }, "jane@acme.io"],
    [{ distinct_id: "Jane.Doe@Acme.IO" }, "Jane.Doe@Acme.IO"],
    [{ distinct_id: '"odd name"@acme.io' }, '"odd name"@acme.io'],
    [{ distinct_id: "x@[10.0.0.1]" }, "x@[10.0.0.1]"],
    [{ distinct_id: "user-7", $set: { email: "not validated" } }, "not validated"],
    [{ distinct_id: "a@b", $set: { name: "x" } }, undefined],
    [{ distinct_id: "user-8", properties: { $set: { email: "p@x.io" } } }, undefined],
  ])("%j -> %j", (event, email) => {
    expect(findEmail(event as PluginEvent)).toBe(email);
  });

  it("encodes the email for the query but keeps @ (fixed)", () => {
    expect(encodeEmail("test@example.com")).toBe("test@example.com");
    expect(encodeEmail("a+b@x.io")).toBe("a%2Bb@x.io");
    expect(encodeEmail("a&b#c@x.io")).toBe("a%26b%23c@x.io");
  });
});

describe("mailboxlayer", () => {
  it("checks the key at setup with exactly one request (example 1)", async () => {
    const { connector, urls } = await connect();
    await connector.setup();
    expect(urls).toEqual([SETUP_URL]);
    expect(connector.requests.map((r) => r.method)).toEqual(["GET"]);
  });

  it("keeps a real-length key out of the recorded requests", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { mailboxlayerApiKey: "mbl-0123456789abcdef" } });
    connector.mocks.on("GET", "https://apilayer.net/api/check*", { json: SCORE });
    await connector.setup();
    expect(connector.requests[0]!.url).toBe("https://apilayer.net/api/check?access_key=[REDACTED]&email=test@example.com&format=1");
  });

  it("scores an email distinct_id (example 2)", async () => {
    const { out, urls } = await batch([identify({ distinct_id: "jane@acme.io", properties: {} })]);
    expect(out).toEqual([identify({ distinct_id: "jane@acme.io", properties: {}, $set: { email_score: 0.8, suggested_email_fix: "" } })]);
    expect(urls).toEqual([`${BASE}&email=jane@acme.io&format=1`]);
  });

  it("scores $set.email and keeps the other $set keys (example 3)", async () => {
    const { out } = await batch([identify({ distinct_id: "user-7", $set: { email: "bob@gmial.com", name: "Bob" } })], () => ({ json: { score: 0.32, did_you_mean: "bob@gmail.com" } }));
    expect(out[0]?.$set).toEqual({ email: "bob@gmial.com", name: "Bob", email_score: 0.32, suggested_email_fix: "bob@gmail.com" });
  });

  it("leaves other events and identifies without email alone, without requests (example 4)", async () => {
    const events = [{ event: "$pageview", distinct_id: "jane@acme.io" }, identify({ distinct_id: "user-8" })];
    const { out, urls } = await batch(structuredClone(events));
    expect(out).toEqual(events);
    expect(urls).toEqual([]);
  });

  it("handles a batch in order, one request per $identify with an email", async () => {
    const { out, urls } = await batch([identify({ distinct_id: "a@x.io" }), { event: "e", distinct_id: "b@x.io" }, identify({ distinct_id: "c+d@x.io" })]);
    expect(out.map((e) => e?.$set?.email_score)).toEqual([0.8, undefined, 0.8]);
    expect(urls).toEqual([`${BASE}&email=a@x.io&format=1`, `${BASE}&email=c%2Bd@x.io&format=1`]);
  });

  it("fails setup on a non-2xx answer (example 5)", async () => {
    const { connector } = await connect(() => ({ status: 401, json: {} }));
    await expect(connector.setup()).rejects.toThrow("Unable to connect to Mailboxlayer. Please make sure your API key is correct and that you are under your usage limit.");
  });

  it("leaves $set alone when the answer has no score (fixed), with a warning", async () => {
    const error = { success: false, error: { code: 104, type: "usage_limit_reached", info: "Your monthly usage limit has been reached." } };
    const { out, connector } = await batch([identify({ distinct_id: "jane@acme.io", $set: { plan: "pro" } })], (url) => (url === SETUP_URL ? { json: SCORE } : { json: error }));
    expect(out[0]?.$set).toEqual({ plan: "pro" });
    expect(connector.logs.filter((l) => l.source === "console").map((l) => l.level)).toEqual(["warn"]);
  });

  it("retries a network failure once", async () => {
    let calls = 0;
    const { out, urls } = await batch([identify({ distinct_id: "jane@acme.io" })], (url) => (url !== SETUP_URL && ++calls === 1 ? { error: "ECONNRESET" } : { json: SCORE }));
    expect(out[0]?.$set).toEqual({ email_score: 0.8, suggested_email_fix: "" });
    expect(urls).toHaveLength(2);
  });

  it("fails after two network failures with the key redacted from the message (fixed)", async () => {
    const { connector } = await connect(() => ({ error: "ECONNRESET" }));
    const failure = await connector.setup().then(() => undefined, (e: unknown) => e as Error);
    expect(failure?.message).toContain("GET request to https://apilayer.net/api/check?access_key=***&email=test@example.com&format=1 failed.");
    expect(failure?.message).not.toContain("K1");
  });

  it("runs single events through the harness's batch adapter", async () => {
    const { connector } = await connect();
    const out = await connector.processEvent(identify({ distinct_id: "jane@acme.io", distinct_id_extra: 1 } as never) as PluginEvent);
    expect(out?.$set).toEqual({ email_score: 0.8, suggested_email_fix: "" });
  });

  it("requires the API key", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: {} })).rejects.toThrow(/mailboxlayerApiKey/);
    await expect(createTestConnector(dir, { module: plugin, config: { mailboxlayerApiKey: "" } })).rejects.toThrow(/mailboxlayerApiKey/);
  });
});
