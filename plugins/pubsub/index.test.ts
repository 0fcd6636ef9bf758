import { createTestServiceAccount } from "@connectors/google-auth";
import { createEvent, createTestConnector, VirtualClock } from "@connectors/testkit";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import autocapture from "./fixtures/autocapture.json" with { type: "json" };
import signup from "./fixtures/signup.json" with { type: "json" };
import * as plugin from "./index.ts";
import { chunkMessages } from "./lib/chunk-messages.ts";

const dir = import.meta.dirname;
const { json } = createTestServiceAccount();
const attachments = { googleCloudKeyJson: { file_name: "key.json", content_type: "application/json", contents: Buffer.from(json) } };
const TOPIC = "https://pubsub.googleapis.com/v1/projects/proj-1/topics/posthog-events";
const batch = [
  { event: "$autocapture", distinct_id: "d1", team_id: 2, uuid: "u1", ip: null, timestamp: "2024-03-05T10:00:00.000Z", properties: { $ip: "1.2.3.4", $event_type: "click", $elements: [{ tag_name: "button" }] }, $set: { a: 1 } },
  { event: "checkout", distinct_id: "d2", team_id: 2, uuid: "u2", ip: null, timestamp: "2024-03-05T10:00:01.000Z", properties: { total: 3 } },
] as ProcessedPluginEvent[];

const decode = (body: string) => (JSON.parse(body).messages as Array<{ data: string }>).map((m) => Buffer.from(m.data, "base64").toString("utf8"));

async function setup(options: { topic?: "exists" | "missing" | "race"; clock?: VirtualClock; config?: Record<string, unknown> } = {}) {
  const connector = await createTestConnector(dir, { module: plugin, attachments, config: { topicId: "posthog-events", ...options.config }, ...(options.clock ? { clock: options.clock } : {}) });
  connector.mocks.on("POST", "https://oauth2.googleapis.com/token", { json: { access_token: "ya29.pubsub-token", expires_in: 3599 } });
  const topic = options.topic ?? "exists";
  if (topic === "exists") connector.mocks.once("GET", TOPIC, { json: { name: "projects/proj-1/topics/posthog-events" } });
  else {
    connector.mocks.once("GET", TOPIC, { status: 404, json: { error: { code: 404, status: "NOT_FOUND", message: "Resource not found (resource=posthog-events)." } } });
    connector.mocks.once("PUT", TOPIC, topic === "race" ? { status: 409, json: { error: { code: 409, status: "ALREADY_EXISTS", message: "Topic already exists" } } } : { json: { name: "projects/proj-1/topics/posthog-events" } });
  }
  return connector;
}

describe("pubsub setup", () => {
  it("creates the topic when the GET answers 404 (the spec's example)", async () => {
    const connector = await setup({ topic: "missing" });
    await connector.setup();
    expect(connector.requests.map(({ method, url, headers, body, status }) => ({ method, url, headers, body, status }))).toEqual([
      { method: "POST", url: "https://oauth2.googleapis.com/token", headers: { "content-type": "application/x-www-form-urlencoded" }, body: expect.stringContaining("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion="), status: 200 },
      { method: "GET", url: TOPIC, headers: { authorization: "[REDACTED]" }, body: "", status: 404 },
      { method: "PUT", url: TOPIC, headers: { authorization: "[REDACTED]", "content-type": "application/json" }, body: "{}", status: 200 },
    ]);
    expect(connector.state).toBe("ready");
  });

  it("uses an existing topic, and ignores a 409 when another worker created it first", async () => {
    const existing = await setup();
    await existing.setup();
    expect(existing.requests.map((r) => r.method)).toEqual(["POST", "GET"]);
    const race = await setup({ topic: "race" });
    await race.setup();
    expect(race.state).toBe("ready");
  });

  it("fails setup on other errors (permission denied, creation refused, token refused)", async () => {
    const denied = await createTestConnector(dir, { module: plugin, attachments, config: { topicId: "posthog-events" } });
    denied.mocks.on("POST", "https://oauth2.googleapis.com/token", { json: { access_token: "t", expires_in: 3599 } });
    denied.mocks.on("GET", TOPIC, { status: 403, json: { error: { status: "PERMISSION_DENIED", message: "User not authorized to perform this action." } } });
    await expect(denied.setup()).rejects.toThrow("Pub/Sub topics.get answered 403 PERMISSION_DENIED: User not authorized to perform this action.");

    const refused = await createTestConnector(dir, { module: plugin, attachments, config: { topicId: "posthog-events" } });
    refused.mocks.on("POST", "https://oauth2.googleapis.com/token", { json: { access_token: "t", expires_in: 3599 } });
    refused.mocks.on("GET", TOPIC, { status: 404, json: { error: { status: "NOT_FOUND" } } });
    refused.mocks.on("PUT", TOPIC, { status: 400, json: { error: { status: "INVALID_ARGUMENT", message: "Invalid resource name" } } });
    await expect(refused.setup()).rejects.toThrow("Pub/Sub topics.create answered 400 INVALID_ARGUMENT: Invalid resource name");

    const badToken = await createTestConnector(dir, { module: plugin, attachments, config: { topicId: "posthog-events" } });
    badToken.mocks.on("POST", "https://oauth2.googleapis.com/token", { status: 401, json: { error: "invalid_client" } });
    await expect(badToken.setup()).rejects.toThrow(/answered 401 \(invalid_client\)/);
  });

  it("names a missing key file, a missing topic and an invalid key file", async () => {
    const meta = (config: Record<string, unknown>, attachment?: unknown) => ({ config, attachments: attachment ? { googleCloudKeyJson: attachment } : {}, global: {}, fetch: () => Promise.reject(new Error("no network")), logger: console }) as never;
    await expect(plugin.setupPlugin(meta({ topicId: "t" }))).rejects.toThrow("JSON config not provided!");
    await expect(plugin.setupPlugin(meta({ topicId: "" }, attachments.googleCloudKeyJson))).rejects.toThrow("Topic ID not provided!");
    await expect(plugin.setupPlugin(meta({ topicId: "t" }, { contents: Buffer.from("{") }))).rejects.toThrow(/not valid JSON/);
    await expect(plugin.exportEvents(batch, meta({}))).rejects.toThrow("No PubSub client initialized!");
  });
});

describe("pubsub export", () => {
  it("publishes the spec's example: one request, one message per event, data = the message JSON", async () => {
    const connector = await setup();
    let auth = "";
    connector.mocks.on("POST", `${TOPIC}:publish`, (request) => ((auth = request.headers.authorization!), { json: { messageIds: ["1", "2"] } }));
    await connector.exportEvents(batch);
    const publish = connector.requests.at(-1)!;
    expect([publish.method, publish.url, publish.headers, publish.status]).toEqual(["POST", `${TOPIC}:publish`, { authorization: "[REDACTED]", "content-type": "application/json" }, 200]);
    expect(auth).toBe("Bearer ya29.pubsub-token");
    expect(decode(publish.body)).toEqual([
      '{"event":"$autocapture","distinct_id":"d1","team_id":2,"ip":"1.2.3.4","timestamp":"2024-03-05T10:00:00.000Z","uuid":"u1","properties":{"$ip":"1.2.3.4","$event_type":"click"},"elements":[{"tag_name":"button"}],"people_set":{"a":1},"people_set_once":{}}',
      '{"event":"checkout","distinct_id":"d2","team_id":2,"ip":null,"timestamp":"2024-03-05T10:00:01.000Z","uuid":"u2","properties":{"total":3},"elements":[],"people_set":{},"people_set_once":{}}',
    ]);
    expect(Object.keys(JSON.parse(publish.body).messages[0])).toEqual(["data"]);
  });

  it("publishes the fixtures through the host buffer with the configured limits and ignore list", async () => {
    const clock = new VirtualClock();
    const connector = await setup({ clock, config: { exportEventsBufferSeconds: "30" } });
    const bodies: string[] = [];
    connector.mocks.on("POST", `${TOPIC}:publish`, (request) => (bodies.push(request.body), { json: { messageIds: [] } }));
    await connector.onEvent(structuredClone(signup) as never);
    await connector.onEvent(structuredClone(autocapture) as never);
    await connector.onEvent(createEvent({ event: "$feature_flag_called" }));
    await clock.advance(29_999);
    expect(bodies).toEqual([]);
    await clock.advance(1);
    const messages = decode(bodies[0]!).map((m) => JSON.parse(m));
    expect(messages.map((m) => m.event)).toEqual(["signup", "$autocapture"]);
    expect(messages[1]).toMatchObject({ ip: "1.1.1.1", elements: [{ tag_name: "a", attr__href: "/signup" }], properties: { $event_type: "click" } });
    expect(messages[1].properties.$elements).toBeUndefined();
  });

  it("splits a large batch into requests of at most 1000 messages", async () => {
    const connector = await setup();
    const counts: number[] = [];
    connector.mocks.on("POST", `${TOPIC}:publish`, (request) => (counts.push(request.json().messages.length), { json: {} }));
    await connector.exportEvents(Array.from({ length: 2500 }, (_, i) => ({ ...batch[1]!, uuid: `u${i}` })));
    expect(counts).toEqual([1000, 1000, 500]);
  });

  it.each([
    [503, { error: { status: "UNAVAILABLE", message: "The service is currently unavailable." } }, "Pub/Sub publish answered 503 UNAVAILABLE: The service is currently unavailable."],
    [404, { error: { status: "NOT_FOUND", message: "Resource not found" } }, "Pub/Sub publish answered 404 NOT_FOUND: Resource not found"],
  ])("turns a %i from :publish into RetryError", async (status, answer, details) => {
    const connector = await setup();
    connector.mocks.on("POST", `${TOPIC}:publish`, { status, json: answer });
    await expect(connector.exportEvents(batch)).rejects.toMatchObject({ cause: { name: "RetryError", message: `Error publishing to Pub/Sub! ${details}` } });
    expect(connector.logs.at(-1)?.message).toBe(`Error publishing 2 event(s) to Pub/Sub: ${details}`);
  });

  it("retries a network failure through the host (6 s), then reports the uuids after the last retry", async () => {
    const clock = new VirtualClock();
    const connector = await setup({ clock });
    connector.mocks.on("POST", `${TOPIC}:publish`, { error: "ECONNREFUSED" });
    await connector.onEvent(batch[1]!);
    await connector.flushExports();
    expect(connector.jobs.pending.map((j) => j.runAt - clock.now())).toEqual([6000]);
    for (const wait of [6_000, 12_000, 24_000]) await clock.advance(wait);
    expect(connector.errors).toEqual([{ hook: "exportEvents", eventUuids: ["u2"], message: expect.stringContaining("Error publishing to Pub/Sub! fetch failed: ECONNREFUSED") }]);
  });
});

describe("chunkMessages", () => {
  it("cuts by count and by size", () => {
    expect(chunkMessages(["a", "b", "c"], 2).map((c) => c.length)).toEqual([2, 1]);
    expect(chunkMessages(["x".repeat(60), "x".repeat(60), "x".repeat(60)], 1000, 250).map((c) => c.length)).toEqual([1, 1, 1]);
    expect(chunkMessages([])).toEqual([]);
  });
});
