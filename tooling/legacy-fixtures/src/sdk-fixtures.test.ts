import { createHash, generateKeyPairSync } from "node:crypto";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { InterceptedRequest } from "@connectors/harness";
import { createTestConnector } from "@connectors/testkit";
import { describe, expect, it } from "vitest";
import { legacyConnectorDir } from "./index.ts";

// Each vendor SDK PostHog gave plugins, used the way a 2021-22 connector did; the SDK's real requests
// are answered by `connector.mocks` and asserted as the harness recorded them.

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
const GOOGLE_KEY = { type: "service_account", project_id: "acme-analytics", private_key_id: "k1", private_key: privateKey, client_email: "exporter@acme-analytics.iam.gserviceaccount.com", token_uri: "https://oauth2.googleapis.com/token" };
const googleKey = { googleCloudKeyJson: { file_name: "key.json", content_type: "application/json", contents: Buffer.from(JSON.stringify(GOOGLE_KEY)) } };
const TOKEN = "ya29.fixture-access-token";

const event = (n: number) => ({ uuid: `01932f3c-0000-7000-8000-00000000000${n}`, event: n % 2 ? "$pageview" : "signed up", distinct_id: `user-${n}`, team_id: 2, ip: null, site_url: "", now: "2024-03-01T10:00:00.000Z", timestamp: `2024-03-01T10:00:0${n}.000Z`, properties: { plan: "pro", n } });

/** CRC-32C (Castagnoli) as base64 big-endian, what Cloud Storage reports for an object (for the mock). */
function crc32c(bytes: Uint8Array): string {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  const out = Buffer.alloc(4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return out.toString("base64");
}

type Mode = "bundle" | "sandbox";
const MODES: Mode[] = ["bundle", "sandbox"];

/** The OAuth token exchange of a service account key (google-auth-library 7 still used the v4 URL). */
function googleToken(connector: { mocks: { on(method: string, url: string, response: unknown): unknown } }) {
  for (const url of ["https://oauth2.googleapis.com/token", "https://www.googleapis.com/oauth2/v4/token"]) {
    connector.mocks.on("POST", url, (request: InterceptedRequest) => {
      expect(request.body).toContain("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer");
      return { json: { access_token: TOKEN, expires_in: 3599, token_type: "Bearer" } };
    });
  }
}

describe.each(MODES)("vendor SDKs, %s mode", (mode) => {
  it("@google-cloud/bigquery: table.insert sends one insertAll with the rows (bigquery-export)", async () => {
    const connector = await createTestConnector(legacyConnectorDir("bigquery-export"), { mode, config: { datasetId: "posthog", tableId: "events" }, attachments: googleKey });
    googleToken(connector);
    connector.mocks.on("POST", "https://bigquery.googleapis.com/bigquery/v2/projects/acme-analytics/datasets/posthog/tables/events/insertAll?*", { json: { kind: "bigquery#tableDataInsertAllResponse" } });
    await connector.exportEvents([event(1), event(2)]);
    const insert = connector.requests.find((r) => r.url.includes("/insertAll?"))!;
    expect(insert).toMatchObject({ method: "POST", status: 200, via: "mock" });
    expect(insert.headers.authorization).toBe("[REDACTED]");
    const body = JSON.parse(insert.body);
    expect(body.ignoreUnknownValues).toBe(true);
    expect(body.rows.map((r: any) => r.json)).toEqual([
      { uuid: event(1).uuid, event: "$pageview", properties: '{"plan":"pro","n":1}', distinct_id: "user-1", team_id: 2, timestamp: "2024-03-01T10:00:01.000Z" },
      { uuid: event(2).uuid, event: "signed up", properties: '{"plan":"pro","n":2}', distinct_id: "user-2", team_id: 2, timestamp: "2024-03-01T10:00:02.000Z" },
    ]);
    expect(connector.logs.map((l) => l.message)).toContain("Inserted 2 rows into events");
    expect(JSON.stringify(connector.requests)).not.toContain("BEGIN PRIVATE KEY");
  });

  it("@google-cloud/bigquery: an API error reaches the connector as the SDK's ApiError", async () => {
    const connector = await createTestConnector(legacyConnectorDir("bigquery-export"), { mode, config: { datasetId: "posthog", tableId: "events" }, attachments: googleKey });
    googleToken(connector);
    connector.mocks.on("POST", /insertAll\?/, { status: 404, json: { error: { code: 404, message: "Not found: Table acme-analytics:posthog.events", errors: [{ reason: "notFound", message: "Not found: Table acme-analytics:posthog.events" }] } } });
    const failure = (await connector.exportEvents([event(1)]).catch((error: unknown) => error)) as { cause: { code: number; errors: Array<{ message: string }> } };
    expect(failure.cause).toMatchObject({ code: 404, errors: [{ message: "Not found: Table acme-analytics:posthog.events" }] });
    expect(connector.requests.filter((r) => r.url.includes("insertAll"))).toHaveLength(1);
  });

  it("@google-cloud/storage: file.save does a resumable upload of the CSV (gcs-export)", async () => {
    const connector = await createTestConnector(legacyConnectorDir("gcs-export"), { mode, config: { bucketName: "acme-exports" }, attachments: googleKey });
    googleToken(connector);
    const session = "https://storage.googleapis.com/upload/storage/v1/b/acme-exports/o?uploadType=resumable&upload_id=fixture-session";
    connector.mocks.on("POST", "https://storage.googleapis.com/upload/storage/v1/b/acme-exports/o?*", { headers: { location: session }, json: {} });
    connector.mocks.on("PUT", session, (request: InterceptedRequest) => ({
      json: { bucket: "acme-exports", name: "x", size: String(request.bodyBytes.length), md5Hash: createHash("md5").update(request.bodyBytes).digest("base64"), crc32c: crc32c(request.bodyBytes) },
    }));
    await connector.exportEvents([event(1), event(2)]);
    const start = connector.requests.find((r) => r.method === "POST" && r.url.includes("uploadType=resumable"))!;
    expect(start.url).toContain(`name=${encodeURIComponent(`posthog-export/2024-03-01/${event(1).uuid}.csv`)}`);
    const upload = connector.requests.find((r) => r.method === "PUT")!;
    expect(upload.body).toBe(`uuid,event,distinct_id,timestamp\n"${event(1).uuid}","$pageview","user-1","2024-03-01T10:00:01.000Z"\n"${event(2).uuid}","signed up","user-2","2024-03-01T10:00:02.000Z"`);
    expect(connector.logs.map((l) => l.message)).toContain(`Uploaded 2 events to gs://acme-exports/posthog-export/2024-03-01/${event(1).uuid}.csv`);
  });

  it("@google-cloud/pubsub: topic.publish sends the message (REST transport) (pubsub-export)", async () => {
    const connector = await createTestConnector(legacyConnectorDir("pubsub-export"), { mode, config: { topicId: "posthog-events" }, attachments: googleKey });
    googleToken(connector);
    connector.mocks.on("POST", "https://pubsub.googleapis.com/v1/projects/acme-analytics/topics/posthog-events:publish*", { json: { messageIds: ["4242"] } });
    await connector.onEvent(event(1));
    const publish = connector.requests.find((r) => r.url.includes(":publish"))!;
    const [message] = JSON.parse(publish.body).messages;
    expect(message.attributes).toEqual({ source: "posthog" });
    expect(JSON.parse(Buffer.from(message.data, "base64").toString())).toMatchObject({ event: "$pageview", distinct_id: "user-1", uuid: event(1).uuid, properties: { plan: "pro", n: 1 } });
    expect(connector.logs.map((l) => l.message)).toContain(`Published ${event(1).uuid} as message 4242`);
  });

  it("aws-sdk/clients/s3: putObject uploads the gzipped batch, signed (s3-export)", async () => {
    const config = { awsAccessKey: "AKIAFIXTURE0000000001", awsSecretAccessKey: "fixture/secret/key", awsRegion: "eu-west-1", s3BucketName: "acme-posthog", prefix: "events/" };
    const connector = await createTestConnector(legacyConnectorDir("s3-export"), { mode, config });
    const key = `events/2024-03-01/${event(1).uuid}.jsonl.gz`;
    let uploaded: Buffer | undefined;
    connector.mocks.on("PUT", `https://acme-posthog.s3.eu-west-1.amazonaws.com/${key}`, (request: InterceptedRequest) => {
      uploaded = Buffer.from(request.bodyBytes);
      expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAFIXTURE0000000001\/\d{8}\/eu-west-1\/s3\/aws4_request/);
      expect(request.headers["content-encoding"]).toBe("gzip");
      return { headers: { etag: '"9b2cf535f27731c974343645a3985328"' } };
    });
    await connector.exportEvents([event(1), event(2)]);
    expect(gunzipSync(uploaded!).toString().split("\n").map((line) => JSON.parse(line).uuid)).toEqual([event(1).uuid, event(2).uuid]);
    expect(connector.requests).toMatchObject([{ method: "PUT", status: 200 }]);
    expect(JSON.stringify(connector.requests)).not.toContain("fixture/secret/key");
    expect(connector.logs.at(-1)!.message).toBe(`Uploaded 2 events to s3://acme-posthog/${key} ("9b2cf535f27731c974343645a3985328")`);
  });

  it("aws-sdk S3: upload(params, callback) runs the managed upload and calls back with its result (s3-managed-upload)", async () => {
    const config = { awsAccessKey: "AKIAFIXTURE0000000003", awsSecretAccessKey: "managed/upload/secret", awsRegion: "us-east-1", s3BucketName: "acme-batches" };
    const connector = await createTestConnector(legacyConnectorDir("s3-managed-upload"), { mode, config });
    let uploaded: Buffer | undefined;
    connector.mocks.on("PUT", `https://acme-batches.s3.amazonaws.com/batches/${event(1).uuid}.jsonl.br`, (request: InterceptedRequest) => {
      uploaded = Buffer.from(request.bodyBytes);
      return { headers: { etag: '"d41d8cd98f00b204e9800998ecf8427e"' } };
    });
    await connector.exportEvents([event(1), event(2)]);
    expect(brotliDecompressSync(uploaded!).toString().split("\n").map((line) => JSON.parse(line).uuid)).toEqual([event(1).uuid, event(2).uuid]);
    expect(connector.requests).toMatchObject([{ method: "PUT", status: 200 }]);
    expect(connector.logs.at(-1)!.message).toBe(`Uploaded 2 events to https://acme-batches.s3.amazonaws.com/batches/${event(1).uuid}.jsonl.br`);
  });

  it("aws-sdk S3: a refused managed upload reaches the callback as an error, never as success (s3-managed-upload)", async () => {
    const config = { awsAccessKey: "AKIAFIXTURE0000000003", awsSecretAccessKey: "managed/upload/secret", awsRegion: "us-east-1", s3BucketName: "acme-batches" };
    const connector = await createTestConnector(legacyConnectorDir("s3-managed-upload"), { mode, config });
    connector.mocks.on("PUT", /acme-batches\.s3\.amazonaws\.com/, { status: 403, headers: { "content-type": "application/xml" }, body: "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>" });
    const failure = await connector.exportEvents([event(1)]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(connector.logs.map((l) => l.message)).toContain("Upload failed: Access Denied");
    expect(connector.logs.map((l) => l.message).some((m) => m.startsWith("Uploaded"))).toBe(false);
  });

  it("aws-sdk Kinesis: describeStream, getShardIterator (callback), getRecords, then posthog.capture (kinesis-import)", async () => {
    const config = { kinesisStreamName: "clicks", iamAccessKeyId: "AKIAFIXTURE0000000002", iamSecretAccessKey: "kinesis-secret", awsRegion: "us-east-2" };
    const connector = await createTestConnector(legacyConnectorDir("kinesis-import"), { mode, config });
    const record = (n: number) => ({ SequenceNumber: `4959${n}`, ApproximateArrivalTimestamp: 1709287200, PartitionKey: "p", Data: Buffer.from(JSON.stringify({ event: "clicked", properties: { n } })).toString("base64") });
    const answers: Record<string, unknown> = {
      "Kinesis_20131202.DescribeStream": { StreamDescription: { StreamName: "clicks", StreamStatus: "ACTIVE", HasMoreShards: false, Shards: [{ ShardId: "shardId-000000000000" }] } },
      "Kinesis_20131202.GetShardIterator": { ShardIterator: "AAAA-iterator-1" },
      "Kinesis_20131202.GetRecords": { Records: [record(1), record(2)], NextShardIterator: "AAAA-iterator-2", MillisBehindLatest: 0 },
    };
    connector.mocks.on("POST", "https://kinesis.us-east-2.amazonaws.com/", (request: InterceptedRequest) => ({ headers: { "content-type": "application/x-amz-json-1.1" }, json: answers[request.headers["x-amz-target"]!] }));
    await connector.runTask("runEveryMinute");
    expect(connector.requests.map((r) => [r.headers["x-amz-target"], JSON.parse(r.body)])).toEqual([
      ["Kinesis_20131202.DescribeStream", { StreamName: "clicks" }],
      ["Kinesis_20131202.GetShardIterator", { StreamName: "clicks", ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" }],
      ["Kinesis_20131202.GetRecords", { ShardIterator: "AAAA-iterator-1", Limit: 100 }],
    ]);
    expect(connector.captured.map((e) => [e.event, e.properties.n, e.properties.kinesis_sequence_number])).toEqual([
      ["clicked", 1, "49591"],
      ["clicked", 2, "49592"],
    ]);
    expect(await connector.meta.storage.get("iterator:shardId-000000000000", null)).toBe("AAAA-iterator-2");
  });

  it("aws-sdk: a connector's AWS.config stays its own and host credentials are never used", async () => {
    const config = { kinesisStreamName: "clicks", iamAccessKeyId: "AKIAFIXTURE0000000003", iamSecretAccessKey: "other", awsRegion: "ap-south-1" };
    const previous = process.env.AWS_ACCESS_KEY_ID;
    process.env.AWS_ACCESS_KEY_ID = "AKIAHOSTENVIRONMENT1";
    try {
      const first = await createTestConnector(legacyConnectorDir("kinesis-import"), { mode, config });
      const second = await createTestConnector(legacyConnectorDir("kinesis-import"), { mode, config: { ...config, iamAccessKeyId: "AKIAFIXTURE0000000004", awsRegion: "sa-east-1" } });
      for (const connector of [first, second]) connector.mocks.on("POST", /kinesis/, { status: 400, headers: { "content-type": "application/x-amz-json-1.1" }, json: { __type: "ResourceNotFoundException", message: "Stream clicks not found" } });
      await first.runTask("runEveryMinute").catch(() => undefined);
      await second.runTask("runEveryMinute").catch(() => undefined);
      expect(first.requests[0]!.url).toBe("https://kinesis.ap-south-1.amazonaws.com/");
      expect(second.requests[0]!.url).toBe("https://kinesis.sa-east-1.amazonaws.com/");
      expect(JSON.stringify([first.requests, second.requests])).not.toContain("AKIAHOSTENVIRONMENT1");
    } finally {
      if (previous === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = previous;
    }
  });

  it("snowflake-sdk: connect, a query and a bound insert (snowflake-export)", async () => {
    const config = { account: "acme-eu", username: "POSTHOG", password: "fixture-pass", database: "ANALYTICS", warehouse: "LOADING" };
    const connector = await createTestConnector(legacyConnectorDir("snowflake-export"), { mode, config });
    connector.mocks.on("POST", "https://acme-eu.snowflakecomputing.com/session/v1/login-request?*", { json: { success: true, data: { token: "session-token", masterToken: "master-token", sessionId: 1, parameters: [] } } });
    connector.mocks.on("POST", "https://acme-eu.snowflakecomputing.com/queries/v1/query-request?*", (request: InterceptedRequest) => {
      const isInsert = request.json().sqlText.startsWith("insert");
      const rowtype = [{ name: isInsert ? "number of rows inserted" : "N", type: "fixed", scale: 0, precision: 38, nullable: false }];
      return { json: { success: true, data: { queryId: isInsert ? "01b2-insert" : "01b2-count", rowtype, rowset: [[isInsert ? "2" : "40"]], total: 1, returned: 1, statementTypeId: isInsert ? 12544 : 4096, parameters: [] } } };
    });
    connector.mocks.on("POST", "https://acme-eu.snowflakecomputing.com/session?delete=true*", { json: { success: true, data: {} } });
    await connector.exportEvents([event(1), event(2)]);
    await connector.teardown();
    const login = connector.requests.find((r) => r.url.includes("login-request"))!;
    expect(JSON.parse(login.body).data).toMatchObject({ ACCOUNT_NAME: "acme-eu", LOGIN_NAME: "POSTHOG", PASSWORD: "[REDACTED]" });
    const queries = connector.requests.filter((r) => r.url.includes("query-request")).map((r) => JSON.parse(r.body));
    expect(queries.map((q) => q.sqlText)).toEqual(["select count(*) as N from POSTHOG_EVENTS", "insert into POSTHOG_EVENTS (uuid, event, distinct_id, timestamp) values (?, ?, ?, ?), (?, ?, ?, ?)"]);
    expect(queries[1].bindings["1"]).toEqual({ type: "TEXT", value: event(1).uuid });
    expect(connector.logs.map((l) => l.message)).toEqual(expect.arrayContaining(["Connected to Snowflake; POSTHOG_EVENTS holds 40 rows", "Inserted 2 rows (query 01b2-insert)"]));
  });
});
