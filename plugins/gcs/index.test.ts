import { verify } from "node:crypto";
import { toEventValues } from "@connectors/connector-kit";
import { createTestServiceAccount } from "@connectors/google-auth";
import { createEvent, createTestConnector, VirtualClock } from "@connectors/testkit";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import autocapture from "./fixtures/autocapture.json" with { type: "json" };
import * as plugin from "./index.ts";
import { buildObjectName } from "./lib/build-object-name.ts";
import { readSettings } from "./lib/read-settings.ts";
import { quoteField, toCsv } from "./lib/to-csv.ts";

vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  return { ...real, randomBytes: (size: number) => (size === 8 ? Buffer.from("0011223344556677", "hex") : real.randomBytes(size)) };
});

const dir = import.meta.dirname;
const NOW = "2024-03-05T10:15:20.123Z";
const { json, publicKey } = createTestServiceAccount();
const attachments = { googleCloudKeyJson: { file_name: "key.json", content_type: "application/json", contents: Buffer.from(json) } };
const TOKEN = "ya29.test-access-token";
const UPLOAD = "https://storage.googleapis.com/upload/storage/v1/b/ph-exports/o?uploadType=media&name=2024-03-05%2F20240305-101520.123Z-0011223344556677.csv";
const HEADER = "uuid,event,properties,elements,people_set,people_set_once,distinct_id,team_id,ip,site_url,timestamp";
const batch = [
  { event: "signup", distinct_id: "d1", team_id: 2, uuid: "u1", ip: null, timestamp: "2024-03-05T10:15:00.000Z", properties: { $ip: "9.9.9.9", plan: "pro" }, $set: { email: "a@b.co" } },
  { event: "$feature_flag_called", distinct_id: "d1", team_id: 2, uuid: "u2", ip: null, timestamp: "2024-03-05T10:15:01.000Z", properties: {} },
] as ProcessedPluginEvent[];

async function setup(options: { clock?: VirtualClock; config?: Record<string, unknown> } = {}) {
  const connector = await createTestConnector(dir, { module: plugin, attachments, config: { bucketName: "ph-exports", exportEventsToIgnore: "$feature_flag_called", ...options.config }, ...(options.clock ? { clock: options.clock } : {}) });
  const assertions: string[] = [];
  connector.mocks.on("POST", "https://oauth2.googleapis.com/token", (request) => {
    assertions.push(new URLSearchParams(request.body).get("assertion")!);
    return { json: { access_token: TOKEN, expires_in: 3599, token_type: "Bearer" } };
  });
  return { connector, assertions };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(NOW));
});
afterEach(() => vi.useRealTimers());

describe("gcs", () => {
  it("uploads the spec's example as quoted CSV (fixed), leaving out the ignored event", async () => {
    const { connector, assertions } = await setup();
    let auth = "";
    connector.mocks.on("POST", UPLOAD, (request) => {
      auth = request.headers.authorization!;
      return { json: { name: "2024-03-05/20240305-101520.123Z-0011223344556677.csv", bucket: "ph-exports", size: "200" } };
    });
    await connector.exportEvents(batch);
    const csv = `${HEADER}\n"u1","signup","{""$ip"":""9.9.9.9"",""plan"":""pro""}","[]","{""email"":""a@b.co""}","{}","d1","2","9.9.9.9","","2024-03-05T10:15:00.000Z"`;
    expect(connector.requests.map(({ method, url, headers, body, status }) => ({ method, url, headers, body, status }))).toEqual([
      { method: "POST", url: "https://oauth2.googleapis.com/token", headers: { "content-type": "application/x-www-form-urlencoded" }, body: expect.stringMatching(/^grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=[\w-]+\.[\w-]+\.[\w-]+$/), status: 200 },
      { method: "POST", url: UPLOAD, headers: { authorization: "[REDACTED]", "content-type": "text/csv" }, body: csv, status: 200 },
    ]);
    expect(auth).toBe(`Bearer ${TOKEN}`);
    const [header, payload, signature] = assertions[0]!.split(".") as [string, string, string];
    expect(JSON.parse(Buffer.from(payload, "base64url").toString())).toEqual({ iss: "ph@proj-1.iam.gserviceaccount.com", scope: "https://www.googleapis.com/auth/devstorage.read_write", aud: "https://oauth2.googleapis.com/token", iat: 1_709_633_720, exp: 1_709_637_320 });
    expect(verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, "base64url"))).toBe(true);
    expect(connector.logs.map((l) => l.message)).toEqual(["Uploaded 1 event to gs://ph-exports/2024-03-05/20240305-101520.123Z-0011223344556677.csv"]);
  });

  it("reuses the access token for later uploads", async () => {
    const { connector, assertions } = await setup();
    connector.mocks.on("POST", /storage\.googleapis\.com/, { json: {} });
    await connector.exportEvents([batch[0]!]);
    await connector.exportEvents([batch[0]!]);
    expect(assertions).toHaveLength(1);
    expect(connector.requests.map((r) => r.url.split("?")[0])).toEqual(["https://oauth2.googleapis.com/token", "https://storage.googleapis.com/upload/storage/v1/b/ph-exports/o", "https://storage.googleapis.com/upload/storage/v1/b/ph-exports/o"]);
  });

  it("moves $elements of an $autocapture into elements and keeps commas and quotes inside their fields", async () => {
    const { connector } = await setup();
    let body = "";
    connector.mocks.on("POST", /storage\.googleapis\.com/, (request) => ((body = request.body), { json: {} }));
    await connector.exportEvents([structuredClone(autocapture) as never]);
    const line = body.split("\n")[1]!;
    expect(line).toBe(
      `"0190b4a2-6c1e-7a44-9d0a-5f3e2c1b0b02","$autocapture","{""$event_type"":""click"",""$current_url"":""https://example.com/signup"",""$ip"":""1.1.1.1""}","[{""tag_name"":""a"",""attr__href"":""/signup""}]","{}","{}","d1","2","1.1.1.1","","2024-03-05T10:00:01.000Z"`,
    );
  });

  it("uploads nothing when every event is ignored (fixed: the original uploaded a header-only file)", async () => {
    const { connector } = await setup();
    await connector.exportEvents([batch[1]!]);
    expect(connector.requests).toEqual([]);
  });

  it.each([
    [500, { error: { code: 500, message: "Backend Error" } }, "GCS answered 500: Backend Error"],
    [403, { error: { code: 403, message: "ph@proj-1 does not have storage.objects.create access" } }, "GCS answered 403: ph@proj-1 does not have storage.objects.create access"],
  ])("turns a %i into RetryError", async (status, answer, detail) => {
    const { connector } = await setup();
    connector.mocks.on("POST", /storage\.googleapis\.com/, { status, json: answer });
    await expect(connector.exportEvents(batch)).rejects.toMatchObject({ cause: { name: "RetryError" } });
    expect(connector.logs.map((l) => l.message)).toEqual([`Failed to upload 1 event to GCS. Retrying later. (${detail})`]);
  });

  it("turns a refused token exchange, a network error and a 401 into RetryError; a 401 fetches a new token next time", async () => {
    const connector = await createTestConnector(dir, { module: plugin, attachments, config: { bucketName: "ph-exports" } });
    connector.mocks.once("POST", "https://oauth2.googleapis.com/token", { status: 400, json: { error: "invalid_grant", error_description: "Invalid JWT Signature." } });
    connector.mocks.on("POST", "https://oauth2.googleapis.com/token", { json: { access_token: TOKEN, expires_in: 3599 } });
    await expect(connector.exportEvents([batch[0]!])).rejects.toMatchObject({ cause: { name: "RetryError" } });
    expect(connector.logs.at(-1)?.message).toMatch(/answered 400 \(invalid_grant: Invalid JWT Signature\.\)/);
    connector.mocks.once("POST", /storage\.googleapis\.com/, { error: "ECONNRESET" });
    await expect(connector.exportEvents([batch[0]!])).rejects.toMatchObject({ cause: { name: "RetryError" } });
    connector.mocks.once("POST", /storage\.googleapis\.com/, { status: 401, json: { error: { message: "Invalid Credentials" } } });
    await expect(connector.exportEvents([batch[0]!])).rejects.toMatchObject({ cause: { name: "RetryError" } });
    connector.mocks.on("POST", /storage\.googleapis\.com/, { json: {} });
    await connector.exportEvents([batch[0]!]);
    expect(connector.requests.filter((r) => r.url.startsWith("https://oauth2")).length).toBe(3);
  });

  it("buffers onEvent on the clock; the host retries a failed upload after 6 s, then reports the uuids after the last retry", async () => {
    const clock = new VirtualClock(NOW);
    clock.onChange((now) => vi.setSystemTime(now));
    const { connector } = await setup({ clock });
    connector.mocks.on("POST", /storage\.googleapis\.com/, { status: 503, json: {} });
    await connector.onEvent(createEvent({ uuid: "e1", event: "pageview" }));
    await clock.advance(10_000);
    expect(connector.requests.filter((r) => r.url.includes("storage")).map((r) => r.url.split("name=")[1])).toEqual(["2024-03-05%2F20240305-101530.123Z-0011223344556677.csv"]);
    for (const wait of [6_000, 12_000, 24_000]) await clock.advance(wait);
    expect(connector.requests.filter((r) => r.url.includes("storage"))).toHaveLength(4);
    expect(connector.errors).toEqual([{ hook: "exportEvents", eventUuids: ["e1"], message: expect.stringMatching(/still failing after 3 retries/) }]);
  });
});

describe("setupPlugin", () => {
  const attachment = attachments.googleCloudKeyJson;
  it.each([
    [{ bucketName: "b" }, undefined, "Credentials JSON file not provided!"],
    [{ bucketName: "" }, attachment, "Table Name not provided!"],
    [{ bucketName: "b" }, { ...attachment, contents: Buffer.from("{not json") }, "Credentials JSON file has invalid JSON!"],
    [{ bucketName: "b" }, { ...attachment, contents: Buffer.from("{}") }, 'The service-account key file has no "client_email"'],
  ])("checks %j", (config, file, message) => {
    expect(() => readSettings(config, file)).toThrow(message);
  });

  it("splits and trims the ignore list (empty config gives the set {''})", () => {
    expect(readSettings({ bucketName: "b", exportEventsToIgnore: " a , b" }, attachment).eventsToIgnore).toEqual(["a", "b"]);
    expect(readSettings({ bucketName: "b", exportEventsToIgnore: "" }, attachment).eventsToIgnore).toEqual([""]);
  });

  it("fails setup through the harness on a key file that is not JSON, without network", async () => {
    const connector = await createTestConnector(dir, { module: plugin, attachments: { googleCloudKeyJson: { ...attachment, contents: Buffer.from("nope") } }, config: { bucketName: "b" } });
    await expect(connector.setup()).rejects.toThrow("Credentials JSON file has invalid JSON!");
    expect(connector.requests).toEqual([]);
  });

  it("rejects a config without bucketName", async () => {
    await expect(createTestConnector(dir, { module: plugin, attachments, config: {} })).rejects.toThrow(/bucketName/);
  });
});

describe("rows and names", () => {
  it("quotes per RFC 4180 and writes null/undefined as empty", () => {
    expect([quoteField('a"b,c'), quoteField(null), quoteField(undefined), quoteField(2)]).toEqual(['"a""b,c"', '""', '""', '"2"']);
    expect(toCsv([])).toBe(HEADER);
  });

  it("takes ip and timestamp from the fallbacks", () => {
    const row = toEventValues({ event: "x", distinct_id: "d", team_id: 2, uuid: "u", ip: "5.5.5.5", timestamp: "", properties: { timestamp: "2024-01-01T00:00:00Z" }, site_url: "https://s" } as never);
    expect(row.slice(8)).toEqual(["5.5.5.5", "https://s", "2024-01-01T00:00:00Z"]);
    expect(toEventValues({ event: "x", distinct_id: "d", team_id: 2, uuid: "u", ip: null, timestamp: "", properties: {}, sent_at: "2024-01-02T00:00:00Z" } as never)[10]).toBe("2024-01-02T00:00:00Z");
  });

  it("names objects by UTC time and 8 random bytes", () => {
    expect(buildObjectName(new Date(NOW), "0011223344556677")).toBe("2024-03-05/20240305-101520.123Z-0011223344556677.csv");
  });
});
