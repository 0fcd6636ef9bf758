import { createHash, createHmac } from "node:crypto";
import { createTestConnector, VirtualClock } from "@connectors/testkit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as plugin from "./index.ts";

const dir = import.meta.dirname;
const NOW = "2024-05-01T10:00:00.000Z";
const ENDPOINT = "https://kinesis.eu-west-1.amazonaws.com/";
const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const SHARD = "shardId-000000000000";
const KEY = `_kinesis_shard_clicks_${SHARD}`;
const config = { kinesisStreamName: "clicks", iamAccessKeyId: "AKIDEXAMPLE", iamSecretAccessKey: SECRET, awsRegion: "eu-west-1", eventKey: "name", additionalPropertyMappings: "uid:distinct_id" };
const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64");

/** A fake answer (the harness's MockResponse shape). */
interface MockResponse {
  status?: number;
  json?: unknown;
  body?: string;
  error?: string;
}
/** What the fake saw of a request. */
interface InterceptedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}
type Answer = MockResponse | ((body: Record<string, string>) => MockResponse);
interface Routes {
  DescribeStream?: Answer;
  GetShardIterator?: Answer;
  /** By iterator. */
  GetRecords?: Record<string, Answer | Answer[]>;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(NOW));
});
afterEach(() => {
  vi.useRealTimers();
});

/** A connector in front of a fake Kinesis routed on X-Amz-Target; `calls` lists `<Operation> <body>` in order. */
async function connect(routes: Routes, overrides: Record<string, unknown> = {}, mode?: "bundle" | "sandbox") {
  const clock = new VirtualClock(NOW);
  clock.onChange((now) => vi.setSystemTime(now));
  const load = mode ? { mode } : { module: plugin };
  const connector = await createTestConnector(dir, { ...load, clock, config: { ...config, ...overrides } });
  const calls: string[] = [];
  const seen: InterceptedRequest[] = [];
  const served = new Map<string, number>();
  connector.mocks.on("POST", ENDPOINT, (request) => {
    seen.push(request);
    const operation = request.headers["x-amz-target"]!.replace("Kinesis_20131202.", "");
    const body = request.json() as Record<string, string>;
    calls.push(`${operation} ${JSON.stringify(body)}`);
    let answer: Answer | Answer[] | undefined = operation === "GetRecords" ? routes.GetRecords?.[body.ShardIterator!] : routes[operation as "DescribeStream" | "GetShardIterator"];
    if (Array.isArray(answer)) {
      const n = served.get(body.ShardIterator!) ?? 0;
      served.set(body.ShardIterator!, n + 1);
      answer = answer[Math.min(n, answer.length - 1)];
    }
    if (!answer) return { status: 400, json: { __type: "InvalidArgumentException", message: `no fake answer for ${operation} ${JSON.stringify(body)}` } };
    return typeof answer === "function" ? answer(body) : answer;
  });
  return { connector, clock, calls, seen };
}

const oneShard = { json: { StreamDescription: { StreamName: "clicks", StreamStatus: "ACTIVE", Shards: [{ ShardId: SHARD, HashKeyRange: { StartingHashKey: "0", EndingHashKey: "1" } }], HasMoreShards: false } } };
const exampleB: Routes = {
  DescribeStream: { json: { StreamDescription: { Shards: [{ ShardId: SHARD }] } } },
  GetShardIterator: { json: { ShardIterator: "it-1" } },
  GetRecords: {
    "it-1": { json: { Records: [{ Data: "eyJuYW1lIjoiY2xpY2siLCJ1aWQiOiJhYmMifQ==" }, { Data: "bm90IGpzb24=" }], NextShardIterator: "it-2", MillisBehindLatest: 0 } },
    "it-2": { json: { Records: [], NextShardIterator: "it-3", MillisBehindLatest: 0 } },
  },
};
const events = (connector: { captured: Array<{ event: string; distinct_id: string; properties: Record<string, unknown> }> }) =>
  connector.captured.map(({ event, distinct_id, properties }) => {
    const { $lib, $lib_version, distinct_id: _, ...rest } = properties;
    return { event, distinct_id, ...rest };
  });
const messages = (connector: { logs: Array<{ level: string; message: string }> }, level?: string) => connector.logs.filter((l) => !level || l.level === level).map((l) => l.message);

/** SigV4 written out from the spec's four steps (independent of @connectors/aws-sigv4). */
function expectedAuthorization(target: string, body: string, amzDate: string): string {
  const sha = (text: string) => createHash("sha256").update(text).digest("hex");
  const hmac = (key: string | Buffer, text: string) => createHmac("sha256", key).update(text).digest();
  const day = amzDate.slice(0, 8);
  const headers = `content-type:application/x-amz-json-1.1\nhost:kinesis.eu-west-1.amazonaws.com\nx-amz-date:${amzDate}\nx-amz-target:${target}\n`;
  const canonical = ["POST", "/", "", headers, "content-type;host;x-amz-date;x-amz-target", sha(body)].join("\n");
  const scope = `${day}/eu-west-1/kinesis/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha(canonical)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, day), "eu-west-1"), "kinesis"), "aws4_request");
  const signature = createHmac("sha256", key).update(stringToSign).digest("hex");
  return `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${scope}, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${signature}`;
}

describe("kinesis: one scheduled cycle", () => {
  it("runs example B: enqueues processShard and runs it now, captures the JSON record, skips the undecodable one, caches it-3 for 120 s", async () => {
    const { connector, calls } = await connect(exampleB);
    await connector.runTask("runEveryMinute");
    expect(connector.jobs.history).toEqual([{ name: "processShard", payload: { shard: { ShardId: SHARD }, startedAt: Date.parse(NOW) }, at: Date.parse(NOW) }]);
    expect(connector.jobs.pending).toEqual([]);
    expect(calls).toEqual([
      'DescribeStream {"StreamName":"clicks"}',
      `GetShardIterator {"ShardId":"${SHARD}","ShardIteratorType":"LATEST","StreamName":"clicks"}`,
      'GetRecords {"ShardIterator":"it-1"}',
      'GetRecords {"ShardIterator":"it-2"}',
    ]);
    expect(events(connector)).toEqual([{ event: "click", distinct_id: "abc" }]);
    expect(connector.captured[0]!.timestamp).toBe(NOW);
    expect(messages(connector)).toEqual([
      'Event captured from Kinesis stream: {"event":"click","properties":{"distinct_id":"abc"}}',
      expect.stringMatching(/^Failed decoding Buffer, skipping record: .*JSON/),
    ]);
    expect(connector.errors).toEqual([]);
    expect(await connector.meta.cache.get(KEY, null)).toBe("it-3");
  });

  it.each(["bundle", "sandbox"] as const)("runs example B the same way when loaded as shipped (%s)", async (mode) => {
    const { connector } = await connect(exampleB, {}, mode);
    await connector.runTask("runEveryMinute");
    expect(events(connector)).toEqual([{ event: "click", distinct_id: "abc" }]);
    expect(await connector.meta.cache.get(KEY, null)).toBe("it-3");
    expect(connector.errors).toEqual([]);
  });

  it("keeps the shard iterator 120 s in the cache; after a longer pause reading restarts at LATEST (documented limitation)", async () => {
    const { connector, clock, calls } = await connect({ ...exampleB, GetRecords: { ...exampleB.GetRecords, "it-3": { json: { Records: [], NextShardIterator: "it-3", MillisBehindLatest: 0 } } } });
    await connector.runTask("runEveryMinute");
    await clock.advance(119_000);
    expect(await connector.meta.cache.get(KEY, null)).toBe("it-3");
    await clock.advance(1_000);
    expect(await connector.meta.cache.get(KEY, null)).toBeNull();
    calls.length = 0;
    await connector.runTask("runEveryMinute");
    expect(calls[1]).toMatch(/^GetShardIterator /);
  });

  it("signs every call with SigV4 (service kinesis): exact signature on a frozen clock, Authorization redacted in recordings", async () => {
    const { connector, seen } = await connect(exampleB);
    await connector.runTask("runEveryMinute");
    expect(seen).toHaveLength(4);
    for (const request of seen) {
      expect(request.url).toBe(ENDPOINT);
      expect(request.headers["content-type"]).toBe("application/x-amz-json-1.1");
      expect(request.headers["x-amz-date"]).toBe("20240501T100000Z");
      expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20240501\/eu-west-1\/kinesis\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/);
      expect(request.headers.authorization).toBe(expectedAuthorization(request.headers["x-amz-target"]!, request.body, "20240501T100000Z"));
    }
    expect(seen[0]!.headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240501/eu-west-1/kinesis/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=962d2fac2ab428f3d84e65750d1aec4f71869cf4f76f8c53e9a9835d2528cc00",
    );
    expect(connector.requests.every((r) => r.headers.authorization === "[REDACTED]")).toBe(true);
    expect(JSON.stringify([connector.requests, connector.logs])).not.toContain(SECRET);
  });

  it("resumes from the cached iterator the next minute without a new GetShardIterator, and never captures a record twice", async () => {
    const { connector, clock, calls } = await connect({
      ...exampleB,
      GetRecords: {
        ...exampleB.GetRecords,
        "it-3": { json: { Records: [{ Data: b64({ name: "view", uid: "u2" }) }], NextShardIterator: "it-4", MillisBehindLatest: 0 } },
        "it-4": { json: { Records: [], NextShardIterator: "it-4", MillisBehindLatest: 0 } },
      },
    });
    connector.startSchedule();
    await clock.advance(60_000);
    await clock.advance(60_000);
    await clock.advance(60_000);
    expect(events(connector)).toEqual([
      { event: "click", distinct_id: "abc" },
      { event: "view", distinct_id: "u2" },
    ]);
    expect(calls.filter((c) => c.startsWith("GetShardIterator"))).toHaveLength(1);
    expect(calls.filter((c) => c.startsWith("GetRecords"))).toEqual([
      'GetRecords {"ShardIterator":"it-1"}',
      'GetRecords {"ShardIterator":"it-2"}',
      'GetRecords {"ShardIterator":"it-3"}',
      'GetRecords {"ShardIterator":"it-4"}',
      'GetRecords {"ShardIterator":"it-4"}',
    ]);
    expect(connector.jobs.history.map((j) => j.name)).toEqual(["processShard", "processShard", "processShard"]);
    expect(await connector.meta.cache.get(KEY, null)).toBe("it-4");
    await connector.teardown();
  });

  it("reads every shard of the stream with its own cached iterator", async () => {
    const { connector } = await connect({
      DescribeStream: { json: { StreamDescription: { Shards: [{ ShardId: "shardId-1" }, { ShardId: "shardId-2" }] } } },
      GetShardIterator: (body: Record<string, string>) => ({ json: { ShardIterator: `start-${body.ShardId}` } }),
      GetRecords: {
        "start-shardId-1": { json: { Records: [{ Data: b64({ name: "a" }) }], NextShardIterator: "next-1", MillisBehindLatest: 0 } },
        "start-shardId-2": { json: { Records: [{ Data: b64({ name: "b" }) }], NextShardIterator: "next-2", MillisBehindLatest: 0 } },
        "next-1": { json: { Records: [], NextShardIterator: "next-1" } },
        "next-2": { json: { Records: [], NextShardIterator: "next-2" } },
      },
    });
    await connector.runTask("runEveryMinute");
    expect(connector.jobs.history.map((j) => (j.payload as { shard: { ShardId: string } }).shard.ShardId)).toEqual(["shardId-1", "shardId-2"]);
    expect(events(connector)).toEqual([{ event: "a", distinct_id: "kinesis" }, { event: "b", distinct_id: "kinesis" }]);
    expect(await connector.meta.cache.get("_kinesis_shard_clicks_shardId-1", null)).toBe("next-1");
    expect(await connector.meta.cache.get("_kinesis_shard_clicks_shardId-2", null)).toBe("next-2");
  });
});

describe("kinesis: reading a shard", () => {
  it("keeps reading while behind and stops 60 s after startedAt (injected clock), caching the last iterator", async () => {
    let n = 0;
    const behind = (): MockResponse => {
      n += 1;
      vi.setSystemTime(Date.now() + 25_000); // each call takes 25 s of (fake) time
      return { json: { Records: [{ Data: b64({ name: `e${n}` }) }], NextShardIterator: `it-${n + 1}`, MillisBehindLatest: 5000 } };
    };
    const { connector, calls } = await connect({ ...oneShard, DescribeStream: oneShard, GetShardIterator: { json: { ShardIterator: "it-1" } }, GetRecords: { "it-1": behind, "it-2": behind, "it-3": behind, "it-4": behind } });
    await connector.runTask("runEveryMinute");
    expect(calls.filter((c) => c.startsWith("GetRecords"))).toHaveLength(3);
    expect(events(connector).map((e) => e.event)).toEqual(["e1", "e2", "e3"]);
    expect(await connector.meta.cache.get(KEY, null)).toBe("it-4");
  });

  it("does not hot-loop: an empty batch that is still behind is read again, an empty caught-up one ends the job", async () => {
    const { connector, calls } = await connect({
      DescribeStream: oneShard,
      GetShardIterator: { json: { ShardIterator: "it-1" } },
      GetRecords: { "it-1": { json: { Records: [], NextShardIterator: "it-2", MillisBehindLatest: 1200 } }, "it-2": { json: { Records: [], NextShardIterator: "it-3" } } },
    });
    await connector.runTask("runEveryMinute");
    expect(calls.filter((c) => c.startsWith("GetRecords"))).toHaveLength(2);
    expect(await connector.meta.cache.get(KEY, null)).toBe("it-3");
  });

  it("stops at a closed shard (no NextShardIterator) after capturing its last records", async () => {
    const { connector, calls } = await connect({
      DescribeStream: oneShard,
      GetShardIterator: { json: { ShardIterator: "it-1" } },
      GetRecords: { "it-1": { json: { Records: [{ Data: b64({ name: "last" }) }], MillisBehindLatest: 0 } } },
    });
    await connector.runTask("runEveryMinute");
    expect(calls).toHaveLength(3);
    expect(events(connector).map((e) => e.event)).toEqual(["last"]);
    expect(await connector.meta.cache.get(KEY, null)).toBeNull();
  });

  it("replaces an expired iterator with one LATEST iterator and continues (example C)", async () => {
    const { connector, calls } = await connect({
      DescribeStream: oneShard,
      GetShardIterator: { json: { ShardIterator: "it-new" } },
      GetRecords: {
        "it-old": { status: 400, json: { __type: "ExpiredIteratorException", message: "Iterator expired. The iterator was created at time ..." } },
        "it-new": { json: { Records: [{ Data: b64({ name: "fresh", uid: "u1" }) }], NextShardIterator: "it-next", MillisBehindLatest: 0 } },
        "it-next": { json: { Records: [], NextShardIterator: "it-next", MillisBehindLatest: 0 } },
      },
    });
    await connector.meta.cache.set(KEY, "it-old", 120);
    await connector.runTask("runEveryMinute");
    expect(calls.slice(1)).toEqual([
      'GetRecords {"ShardIterator":"it-old"}',
      `GetShardIterator {"ShardId":"${SHARD}","ShardIteratorType":"LATEST","StreamName":"clicks"}`,
      'GetRecords {"ShardIterator":"it-new"}',
      'GetRecords {"ShardIterator":"it-next"}',
    ]);
    expect(events(connector)).toEqual([{ event: "fresh", distinct_id: "u1" }]);
    expect(await connector.meta.cache.get(KEY, null)).toBe("it-next");
  });

  it("gives up when the fresh iterator expires at once as well (no loop)", async () => {
    const expired = { status: 400, json: { __type: "ExpiredIteratorException" } };
    const { connector, calls } = await connect({ DescribeStream: oneShard, GetShardIterator: { json: { ShardIterator: "it-new" } }, GetRecords: { "it-old": expired, "it-new": expired } });
    await connector.meta.cache.set(KEY, "it-old", 120);
    await connector.runTask("runEveryMinute");
    expect(calls).toHaveLength(4);
    expect(messages(connector, "error")).toEqual([expect.stringContaining("ExpiredIteratorException")]);
  });

  it("logs throttling (namespaced __type) and ends the job; the next minute resumes from the cached iterator without loss", async () => {
    const { connector, calls } = await connect({
      DescribeStream: oneShard,
      GetShardIterator: { json: { ShardIterator: "it-1" } },
      GetRecords: {
        "it-1": { json: { Records: [{ Data: b64({ name: "one" }) }], NextShardIterator: "it-2", MillisBehindLatest: 100 } },
        "it-2": [
          { status: 400, json: { __type: "com.amazonaws.kinesis.v20131202#ProvisionedThroughputExceededException", message: "Rate exceeded for shard" } },
          { json: { Records: [{ Data: b64({ name: "two" }) }], NextShardIterator: "it-3", MillisBehindLatest: 0 } },
        ],
        "it-3": { json: { Records: [], NextShardIterator: "it-3", MillisBehindLatest: 0 } },
      },
    });
    await connector.runTask("runEveryMinute");
    expect(messages(connector, "error")).toEqual([`Error reading records from clicks/${SHARD}: GetRecords failed: ProvisionedThroughputExceededException (status 400): Rate exceeded for shard`]);
    expect(await connector.meta.cache.get(KEY, null)).toBe("it-2");
    await connector.runTask("runEveryMinute");
    expect(events(connector).map((e) => e.event)).toEqual(["one", "two"]);
    expect(calls.filter((c) => c.startsWith("GetShardIterator"))).toHaveLength(1);
    expect(connector.errors).toEqual([]);
  });

  it("resumes after a network failure in the middle of reading (crash mid-batch) from the cached cursor, without loss or repeats", async () => {
    const { connector, calls } = await connect({
      DescribeStream: oneShard,
      GetShardIterator: { json: { ShardIterator: "it-1" } },
      GetRecords: {
        "it-1": { json: { Records: [{ Data: b64({ name: "r1" }) }, { Data: b64({ name: "r2" }) }], NextShardIterator: "it-2", MillisBehindLatest: 900 } },
        "it-2": [{ error: "ECONNRESET" }, { json: { Records: [{ Data: b64({ name: "r3" }) }], NextShardIterator: "it-3", MillisBehindLatest: 0 } }],
        "it-3": { json: { Records: [], NextShardIterator: "it-3", MillisBehindLatest: 0 } },
      },
    });
    await connector.runTask("runEveryMinute");
    expect(messages(connector, "error")).toEqual([`Error reading records from clicks/${SHARD}: GetRecords request failed: fetch failed: ECONNRESET`]);
    expect(await connector.meta.cache.get(KEY, null)).toBe("it-2");
    await connector.runTask("runEveryMinute");
    await connector.runTask("runEveryMinute");
    expect(events(connector).map((e) => e.event)).toEqual(["r1", "r2", "r3"]);
    expect(calls.filter((c) => c.startsWith("GetShardIterator"))).toHaveLength(1);
  });

  it("logs a network failure of DescribeStream and keeps the cached cursor", async () => {
    const { connector } = await connect({ DescribeStream: { error: "ECONNREFUSED" } });
    await connector.meta.cache.set(KEY, "it-5", 120);
    await connector.runTask("runEveryMinute");
    expect(messages(connector, "error")).toEqual(["Error describing Kinesis stream clicks: DescribeStream request failed: fetch failed: ECONNREFUSED"]);
    expect(connector.jobs.history).toEqual([]);
    expect(await connector.meta.cache.get(KEY, null)).toBe("it-5");
  });

  it("logs a GetShardIterator error or an answer without ShardIterator and ends the job", async () => {
    const failing = await connect({ DescribeStream: oneShard, GetShardIterator: { status: 400, json: { __type: "ResourceNotFoundException", message: "Stream clicks under account 1 not found." } } });
    await failing.connector.runTask("runEveryMinute");
    expect(messages(failing.connector, "error")).toEqual([`Error getting a shard iterator for clicks/${SHARD}: GetShardIterator failed: ResourceNotFoundException (status 400): Stream clicks under account 1 not found.`]);
    const empty = await connect({ DescribeStream: oneShard, GetShardIterator: { json: {} } });
    await empty.connector.runTask("runEveryMinute");
    expect(messages(empty.connector, "error")).toEqual([`ShardIterator is not defined (stream clicks, shard ${SHARD})`]);
    expect(empty.calls).toHaveLength(2);
  });

  it.each([
    ["a missing stream", { status: 400, json: { __type: "ResourceNotFoundException", message: "Stream clicks under account 123 not found." } }, "ResourceNotFoundException (status 400)"],
    ["bad credentials", { status: 400, json: { __type: "UnrecognizedClientException", message: "The security token included in the request is invalid." } }, "UnrecognizedClientException"],
    ["a bad signature", { status: 403, json: { __type: "InvalidSignatureException", message: "Signature expired" } }, "InvalidSignatureException (status 403)"],
    ["a non-JSON error", { status: 502, body: "<html>bad gateway</html>" }, "HTTP502 (status 502)"],
  ])("logs a DescribeStream error (%s), enqueues no job and captures nothing", async (_what, answer, text) => {
    const { connector } = await connect({ DescribeStream: answer as MockResponse });
    await connector.runTask("runEveryMinute");
    expect(messages(connector, "error")).toEqual([expect.stringContaining(text)]);
    expect(connector.jobs.history).toEqual([]);
    expect(connector.captured).toEqual([]);
    expect(connector.errors).toEqual([]);
  });

  it("skips records whose event key is missing or not a string, with a log, and captures the rest", async () => {
    const { connector } = await connect(
      {
        DescribeStream: oneShard,
        GetShardIterator: { json: { ShardIterator: "it-1" } },
        GetRecords: {
          "it-1": { json: { Records: [{ Data: b64({ other: 1 }) }, { Data: b64({ meta: { kind: 7 } }) }, { Data: b64({ meta: { kind: "ok" }, id: "d9", ts: "2024-04-30T08:00:00Z" }) }, {}], NextShardIterator: "it-2", MillisBehindLatest: 0 } },
          "it-2": { json: { Records: [], NextShardIterator: "it-2" } },
        },
      },
      { eventKey: "meta.kind", additionalPropertyMappings: "id:distinct_id, ts:timestamp" },
    );
    await connector.runTask("runEveryMinute");
    expect(connector.captured.map((e) => [e.event, e.distinct_id, e.timestamp])).toEqual([["ok", "d9", "2024-04-30T08:00:00.000Z"]]);
    expect(messages(connector, "error")).toEqual([
      'Cannot find key meta.kind in object {"other":1}',
      'Key meta.kind does not contain a string event name in object {"meta":{"kind":7}}',
      expect.stringMatching(/^Failed decoding Buffer, skipping record: /),
    ]);
  });

  it("logs a processShard payload without a shard id", async () => {
    const { connector } = await connect({});
    await connector.runJob("processShard", { startedAt: 1 });
    expect(messages(connector, "error")).toEqual(["processShard needs a shard with a ShardId (got undefined)"]);
  });
});

describe("kinesis: config", () => {
  const start = async (overrides: Record<string, unknown>) => {
    const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...overrides } });
    await connector.setup();
  };

  it.each(["kinesisStreamName", "iamAccessKeyId", "iamSecretAccessKey", "awsRegion", "eventKey"])("refuses an empty %s", async (key) => {
    await expect(start({ [key]: " " })).rejects.toThrow(`Required config option ${key} is missing!`);
  });

  it.each(["eu-west-1.evil.example/", "EU-WEST-1", "localhost"])("refuses a region that is not a region name (%s)", async (awsRegion) => {
    await expect(start({ awsRegion })).rejects.toThrow(/is not a region name/);
  });

  it("rejects a config value of the wrong type", async () => {
    await expect(start({ eventKey: 42 })).rejects.toThrow(/eventKey/);
  });

  it("sets up without any request", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config });
    await connector.setup();
    expect(connector.requests).toEqual([]);
  });
});
