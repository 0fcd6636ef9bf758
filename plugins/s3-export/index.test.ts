import { gunzipSync, brotliDecompressSync } from "node:zlib";
import { sha256Hex, signRequest } from "@connectors/aws-sigv4";
import { createEvent, createTestConnector, VirtualClock } from "@connectors/testkit";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import autocapture from "./fixtures/autocapture.json" with { type: "json" };
import signup from "./fixtures/signup.json" with { type: "json" };
import * as plugin from "./index.ts";
import { buildObjectKey } from "./lib/build-object-key.ts";
import { buildObjectUrl } from "./lib/build-object-url.ts";
import { readSettings } from "./lib/read-settings.ts";

vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  return { ...real, randomBytes: (size: number) => (size === 8 ? Buffer.from("a1b2c3d4e5f60718", "hex") : real.randomBytes(size)) };
});

const dir = import.meta.dirname;
const NOW = "2024-03-05T10:15:20.123Z";
const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const config = { awsAccessKey: "AKIDEXAMPLE", awsSecretAccessKey: SECRET, s3BucketName: "ph-archive", awsRegion: "eu-central-1", prefix: "posthog/", compression: "no compression", sse: "AES256", eventsToIgnore: "$feature_flag_called" };
const batch = [
  { event: "signup", distinct_id: "d1", uuid: "u1", team_id: 2, timestamp: "2024-03-05T10:15:00.000Z", properties: { plan: "pro" }, ip: null },
  { event: "$feature_flag_called", distinct_id: "d1", uuid: "u2", team_id: 2, timestamp: "2024-03-05T10:15:01.000Z", properties: {}, ip: null },
] as ProcessedPluginEvent[];
const KEY = "posthog/2024-03-05/20240305-101520.123Z-a1b2c3d4e5f60718.jsonl";

interface Seen {
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

async function setup(overrides: Record<string, unknown> = {}, options: { clock?: VirtualClock; allowLoopback?: boolean } = {}) {
  const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...overrides }, ...options });
  const seen: Seen[] = [];
  const answer = (status = 200, body = "") =>
    connector.mocks.on("PUT", /.*/, (request) => {
      seen.push({ url: request.url, headers: request.headers, body: request.bodyBytes });
      const headers: Record<string, string> = status === 200 ? { etag: '"abc"' } : { "content-type": "application/xml" };
      return { status, body, headers };
    });
  return { connector, seen, answer };
}

/** Recomputes the SigV4 signature of a request as S3 would, from what was sent. */
function expectValidSignature(seen: Seen, region: string) {
  const signedNames = /SignedHeaders=([^,]+)/.exec(seen.headers.authorization!)![1]!.split(";").filter((h) => h !== "host");
  const headers = Object.fromEntries(signedNames.filter((h) => h !== "x-amz-date" && h !== "x-amz-content-sha256").map((h) => [h, seen.headers[h]!]));
  const date = new Date(seen.headers["x-amz-date"]!.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
  const expected = signRequest({ method: "PUT", url: seen.url, headers, body: seen.body, service: "s3", region, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: SECRET }, date });
  expect(seen.headers.authorization).toBe(expected.headers.authorization);
  expect(seen.headers["x-amz-content-sha256"]).toBe(sha256Hex(seen.body));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(NOW));
});
afterEach(() => {
  vi.useRealTimers();
});

describe("s3-export", () => {
  it("uploads the spec's first example: only the non-ignored event, virtual-hosted URL, SSE AES256, SigV4", async () => {
    const { connector, seen, answer } = await setup();
    answer();
    await connector.exportEvents(batch);
    expect(connector.requests).toEqual([
      {
        method: "PUT",
        url: `https://ph-archive.s3.eu-central-1.amazonaws.com/${KEY}`,
        headers: {
          authorization: "[REDACTED]",
          "content-type": "application/octet-stream",
          "x-amz-content-sha256": sha256Hex(seen[0]!.body),
          "x-amz-date": "20240305T101520Z",
          "x-amz-server-side-encryption": "AES256",
        },
        body: JSON.stringify(connector.requests.length && JSON.parse(new TextDecoder().decode(seen[0]!.body))),
        status: 200,
        via: "mock",
      },
    ]);
    expect(JSON.parse(new TextDecoder().decode(seen[0]!.body))).toEqual({ ...batch[0] });
    expect(new TextDecoder().decode(seen[0]!.body)).not.toContain("\n");
    expect(seen[0]!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20240305\/eu-central-1\/s3\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-server-side-encryption, Signature=[0-9a-f]{64}$/,
    );
    expectValidSignature(seen[0]!, "eu-central-1");
    expect(connector.logs.map((l) => l.message)).toEqual(["Uploaded 1 event to bucket ph-archive"]);
    expect(JSON.stringify(connector.requests)).not.toContain(SECRET);
  });

  it("uploads the spec's second example: gzip, aws:kms, path-style custom endpoint", async () => {
    const { connector, seen, answer } = await setup(
      { compression: "gzip", sse: "aws:kms", sseKmsKeyId: "key-123", s3BucketEndpoint: "http://127.0.0.1:9000", s3ForcePathStyle: "true" },
      { allowLoopback: true },
    );
    answer();
    await connector.exportEvents(batch);
    expect(seen.map((s) => s.url)).toEqual([`http://127.0.0.1:9000/ph-archive/${KEY}.gz`]);
    expect(seen[0]!.headers).toMatchObject({ "x-amz-server-side-encryption": "aws:kms", "x-amz-server-side-encryption-aws-kms-key-id": "key-123" });
    expect(gunzipSync(seen[0]!.body).toString()).toBe(JSON.stringify(JSON.parse(gunzipSync(seen[0]!.body).toString())));
    expect(JSON.parse(gunzipSync(seen[0]!.body).toString())).toMatchObject({ uuid: "u1", event: "signup" });
    expectValidSignature(seen[0]!, "eu-central-1");
  });

  it("writes one JSON line per event, no trailing newline, brotli with .br", async () => {
    const { connector, seen, answer } = await setup({ compression: "brotli", prefix: "" });
    answer();
    await connector.exportEvents([batch[0]!, { ...batch[0]!, uuid: "u3", properties: { emoji: "żółć 🚀" } }]);
    expect(seen[0]!.url).toBe("https://ph-archive.s3.eu-central-1.amazonaws.com/2024-03-05/20240305-101520.123Z-a1b2c3d4e5f60718.jsonl.br");
    const lines = brotliDecompressSync(seen[0]!.body).toString("utf8").split("\n");
    expect(lines.map((l) => JSON.parse(l).uuid)).toEqual(["u1", "u3"]);
    expect(JSON.parse(lines[1]!).properties.emoji).toBe("żółć 🚀");
    expect(connector.logs.at(-1)?.message).toBe("Uploaded 2 events to bucket ph-archive");
  });

  it("signs for us-east-1 when only an endpoint is set (path style)", async () => {
    const { connector, seen, answer } = await setup({ awsRegion: "", s3BucketEndpoint: "minio.example.com", s3ForcePathStyle: "true", sse: "disabled" });
    answer();
    await connector.exportEvents([batch[0]!]);
    expect(seen[0]!.url).toBe(`https://minio.example.com/ph-archive/${KEY}`);
    expect(seen[0]!.headers.authorization).toContain("/20240305/us-east-1/s3/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,");
    expect(seen[0]!.headers["x-amz-server-side-encryption"]).toBeUndefined();
    expectValidSignature(seen[0]!, "us-east-1");
  });

  it("puts the bucket in the endpoint's host without path style; the egress check only allows the endpoint's own host", async () => {
    const { connector, answer } = await setup({ s3BucketEndpoint: "minio.example.com", s3ForcePathStyle: "false" });
    answer();
    await expect(connector.exportEvents([batch[0]!])).rejects.toMatchObject({ cause: { name: "RetryError" } });
    expect(connector.requests.map((r) => [r.url, r.via])).toEqual([[`https://ph-archive.minio.example.com/${KEY}`, "denied"]]);
    expect(connector.logs.at(-1)?.message).toMatch(/^Error uploading to S3: .*ph-archive\.minio\.example\.com/);
  });

  it("uploads the real-shaped fixtures through the host buffer as one gzip object", async () => {
    const clock = new VirtualClock(NOW);
    clock.onChange((now) => vi.setSystemTime(now));
    const { connector, seen, answer } = await setup({ compression: "gzip" }, { clock });
    answer();
    for (const event of [signup, autocapture]) await connector.onEvent(structuredClone(event) as never);
    await clock.advance(10_000);
    expect(seen.map((s) => s.url)).toEqual(["https://ph-archive.s3.eu-central-1.amazonaws.com/posthog/2024-03-05/20240305-101530.123Z-a1b2c3d4e5f60718.jsonl.gz"]);
    const lines = gunzipSync(seen[0]!.body).toString("utf8").split("\n").map((line) => JSON.parse(line));
    expect(lines.map((e) => [e.uuid, e.event])).toEqual([[signup.uuid, "signup"], [autocapture.uuid, "$autocapture"]]);
    expect(lines[1].properties.$elements).toEqual(autocapture.properties.$elements);
  });

  it("uploads nothing for a batch of ignored events", async () => {
    const { connector } = await setup();
    await connector.exportEvents([batch[1]!]);
    expect(connector.requests).toEqual([]);
  });

  it.each([
    [403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", "Error uploading to S3: S3 answered 403 AccessDenied"],
    [500, "<Error><Code>InternalError</Code></Error>", "Error uploading to S3: S3 answered 500 InternalError"],
    [404, "", "Error uploading to S3: S3 answered 404"],
  ])("turns a %i into RetryError and logs it", async (status, body, message) => {
    const { connector, answer } = await setup();
    answer(status, body);
    await expect(connector.exportEvents(batch)).rejects.toMatchObject({ cause: { name: "RetryError", message: "" } });
    expect(connector.logs.map((l) => l.message)).toEqual([message]);
  });

  it("turns a network error and a timeout into RetryError", async () => {
    const { connector } = await setup();
    connector.mocks.once("PUT", /.*/, { error: "ECONNRESET" });
    await expect(connector.exportEvents(batch)).rejects.toMatchObject({ cause: { name: "RetryError" } });
    expect(connector.logs.at(-1)?.message).toBe("Error uploading to S3: fetch failed: ECONNRESET");
    const timeout = AbortSignal.timeout.bind(AbortSignal);
    const spy = vi.spyOn(AbortSignal, "timeout").mockImplementation(() => timeout(20));
    connector.mocks.once("PUT", /.*/, { delayMs: 2000 });
    await expect(connector.exportEvents(batch)).rejects.toMatchObject({ cause: { name: "RetryError" } });
    expect(spy).toHaveBeenCalledWith(25_000);
    expect(connector.logs.at(-1)?.message).toMatch(/^Error uploading to S3: .*(timeout|aborted)/i);
  });

  it("buffers onEvent on the clock; a failed upload is retried after 6 s and succeeds", async () => {
    const clock = new VirtualClock(NOW);
    clock.onChange((now) => vi.setSystemTime(now));
    const { connector, seen } = await setup({}, { clock });
    let calls = 0;
    connector.mocks.on("PUT", /.*/, (request) => {
      seen.push({ url: request.url, headers: request.headers, body: request.bodyBytes });
      return { status: calls++ === 0 ? 503 : 200 };
    });
    await connector.onEvent(createEvent({ uuid: "b1", event: "pageview" }));
    await connector.onEvent(createEvent({ uuid: "b2", event: "$feature_flag_called" }));
    await clock.advance(10_000);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toContain("/20240305-101530.123Z-");
    await clock.advance(6_000);
    expect(seen).toHaveLength(2);
    expect(seen[1]!.url).toContain("/20240305-101536.123Z-");
    expect(new TextDecoder().decode(seen[1]!.body)).toContain('"uuid":"b1"');
    expect(new TextDecoder().decode(seen[1]!.body)).not.toContain('"uuid":"b2"');
    expect(connector.errors).toEqual([]);
    expect(connector.metrics.values).toMatchObject({ events_delivered_successfully: 2, retry_errors: 1 }) // the host counts the whole batch;
  });

  it("reports the batch with its uuids after the last retry fails", async () => {
    const clock = new VirtualClock(NOW);
    const { connector, answer } = await setup({}, { clock });
    answer(500);
    await connector.onEvent(createEvent({ uuid: "lost-1" }));
    await connector.flushExports();
    for (const wait of [6_000, 12_000, 24_000]) await clock.advance(wait);
    expect(connector.requests).toHaveLength(4);
    expect(connector.errors).toEqual([{ hook: "exportEvents", eventUuids: ["lost-1"], message: expect.stringMatching(/still failing after 3 retries/) }]);
    expect(connector.secretsLogged).toBe(0);
  });

  it("may call any *.amazonaws.com bucket host (allowedHosts)", async () => {
    const { connector, answer } = await setup({ awsRegion: "ap-southeast-2", s3BucketName: "other-bucket" });
    answer();
    await connector.exportEvents([batch[0]!]);
    expect(connector.requests.map((r) => [r.url, r.via])).toEqual([[`https://other-bucket.s3.ap-southeast-2.amazonaws.com/${KEY}`, "mock"]]);
  });
});

describe("setupPlugin", () => {
  const full = { awsAccessKey: "AKID", awsSecretAccessKey: "s", s3BucketName: "b", awsRegion: "us-west-1", sse: "disabled" };
  it.each([
    [{ awsAccessKey: "" }, "AWS access key missing!"],
    [{ awsSecretAccessKey: "" }, "AWS secret access key missing!"],
    [{ awsRegion: "", s3BucketEndpoint: "" }, "AWS region must be set if config.s3BucketEndpoint is unset!"],
    [{ s3BucketName: "" }, "S3 bucket name missing!"],
    [{ sse: "aws:kms", sseKmsKeyId: "" }, "AWS KMS encryption requested but no KMS key ID provided!"],
    [{ awsAccessKey: "", s3BucketName: "" }, "AWS access key missing!"],
  ])("checks %j -> %s", (overrides, message) => {
    expect(() => readSettings({ ...full, ...overrides })).toThrow(message);
  });

  it("disables the connector through the harness on a KMS setting without key", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config: { ...config, sse: "aws:kms" } });
    await expect(connector.setup()).rejects.toThrow("AWS KMS encryption requested but no KMS key ID provided!");
    expect(connector.requests).toEqual([]);
  });

  it("rejects a config without the required keys", async () => {
    await expect(createTestConnector(dir, { module: plugin, config: { s3BucketName: "b" } })).rejects.toThrow(/awsAccessKey/);
  });
});

describe("keys and URLs", () => {
  it("builds the key from the UTC time and 8 random bytes", () => {
    expect(buildObjectKey("posthog/", new Date(NOW), "a1b2c3d4e5f60718", "none")).toBe(KEY);
    expect(buildObjectKey("", new Date("2024-12-31T23:59:59.999Z"), "00", "gzip")).toBe("2024-12-31/20241231-235959.999Z-00.jsonl.gz");
  });

  it("uses the regionless host for us-east-1 and encodes key segments", () => {
    const base = { bucket: "b", forcePathStyle: false };
    expect(buildObjectUrl({ ...base, region: "us-east-1" }, "a b/c.jsonl")).toBe("https://b.s3.amazonaws.com/a%20b/c.jsonl");
    expect(buildObjectUrl({ ...base, region: "eu-west-1", forcePathStyle: true }, "k")).toBe("https://s3.eu-west-1.amazonaws.com/b/k");
    expect(buildObjectUrl({ ...base, region: "us-east-1", endpoint: "https://minio.local:9000" }, "k")).toBe("https://b.minio.local:9000/k");
  });
});
