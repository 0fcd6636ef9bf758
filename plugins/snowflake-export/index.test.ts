import { createTestServiceAccount } from "@connectors/google-auth";
import { createTestConnector, VirtualClock } from "@connectors/testkit";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as plugin from "./index.ts";
import { parseBucketPath, readSettings } from "./lib/read-settings.ts";

vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  return { ...real, randomBytes: (size: number) => (size === 8 ? Buffer.from("0123456789abcdef", "hex") : real.randomBytes(size)) };
});

const dir = import.meta.dirname;
const NOW = "2024-03-05T10:15:20.123Z";
const SF = "https://xy12345.eu-west-1.snowflakecomputing.com";
const AWS_SECRET = "aws-secret-EXAMPLEKEY";
const config = {
  account: "xy12345.eu-west-1", username: "PH", password: "pw-secret", database: "analytics", dbschema: "public", table: "events", stage: "ph_stage", warehouse: "load_wh",
  stageToUse: "S3", bucketName: "ph-stage", bucketPath: "/exports", awsAccessKeyId: "AKIDEXAMPLE", awsSecretAccessKey: AWS_SECRET, awsRegion: "eu-west-1", purgeFromStage: "Yes", forceCopy: "No",
};
const FILE = "exports/snowflake-export-2024-03-05-20240305-101520.123Z-0123456789abcdef.csv";
const CREATE_TABLE = 'CREATE TABLE IF NOT EXISTS "ANALYTICS"."PUBLIC"."EVENTS" ("UUID" STRING, "EVENT" STRING, "PROPERTIES" VARIANT, "ELEMENTS" VARIANT, "PEOPLE_SET" VARIANT, "PEOPLE_SET_ONCE" VARIANT, "DISTINCT_ID" STRING, "TEAM_ID" INTEGER, "IP" STRING, "SITE_URL" STRING, "TIMESTAMP" TIMESTAMP)';
const FORMAT = "FILE_FORMAT = ( TYPE = 'CSV' SKIP_HEADER = 1 FIELD_DELIMITER = '|$|', ESCAPE = NONE, ESCAPE_UNENCLOSED_FIELD = NONE )";
const copySql = (files: string[], extra = "") => `COPY INTO "ANALYTICS"."PUBLIC"."EVENTS" FROM @"ANALYTICS"."PUBLIC".PH_STAGE FILES = ( ${files.map((f) => `'${f}'`).join(",")} )${extra} ON_ERROR = 'skip_file' PURGE = true;`;
const signup = { event: "signup", distinct_id: "d1", team_id: 2, uuid: "u1", ip: null, timestamp: "2024-03-05T10:15:00.000Z", properties: { plan: "pro" } } as ProcessedPluginEvent;

interface Fake {
  sql: string[];
  logins: number;
  failWhen?: (sql: string) => Record<string, unknown> | undefined;
}

async function make(options: { uploadStatus?: number; config?: Record<string, unknown>; clock?: VirtualClock; attachments?: Record<string, { file_name: string; content_type: string; contents: Buffer }> } = {}) {
  const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...options.config }, ...(options.clock ? { clock: options.clock } : {}), ...(options.attachments ? { attachments: options.attachments } : {}) });
  const fake: Fake = { sql: [], logins: 0 };
  connector.mocks.on("POST", (url) => url.host.endsWith("snowflakecomputing.com") && url.pathname === "/session/v1/login-request", () => (fake.logins++, { json: { success: true, data: { token: `sf-token-${fake.logins}`, masterToken: "m" } } }));
  connector.mocks.on("POST", (url) => url.pathname === "/queries/v1/query-request", (request) => {
    const sqlText = request.json().sqlText as string;
    fake.sql.push(sqlText);
    return { json: fake.failWhen?.(sqlText) ?? { success: true, code: null, message: null, data: { rowset: [] } } };
  });
  connector.mocks.on("POST", `${SF}/session/logout-request`, { json: { success: true } });
  if (options.uploadStatus) connector.mocks.once("PUT", /amazonaws\.com/, { status: options.uploadStatus });
  connector.mocks.on("PUT", /amazonaws\.com/, { status: 200, headers: { etag: '"e"' } });
  return { connector, fake };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(NOW));
});
afterEach(() => vi.useRealTimers());

describe("snowflake-export setup", () => {
  it("logs in and creates the table and the S3 stage (the spec's example)", async () => {
    const { connector, fake } = await make();
    await connector.setup();
    expect(fake.sql).toEqual([
      CREATE_TABLE,
      `CREATE STAGE IF NOT EXISTS "ANALYTICS"."PUBLIC"."PH_STAGE" URL='s3://ph-stage/' ${FORMAT} CREDENTIALS=(aws_key_id='AKIDEXAMPLE' aws_secret_key='${AWS_SECRET}') ENCRYPTION=(type='AWS_SSE_KMS' kms_key_id = 'aws/key') COMMENT = 'S3 Stage used by the PostHog Snowflake export plugin';`,
    ]);
    const [login, query] = connector.requests;
    expect(login!.url).toMatch(new RegExp(`^${SF}/session/v1/login-request\\?databaseName=analytics&schemaName=public&requestId=[0-9a-f-]{36}$`));
    expect(login!.headers).toEqual({ accept: "application/json", "content-type": "application/json" });
    expect(JSON.parse(login!.body)).toEqual({ data: { ACCOUNT_NAME: "XY12345", LOGIN_NAME: "PH", PASSWORD: "[REDACTED]", CLIENT_APP_ID: "PostHogConnectors", CLIENT_APP_VERSION: "0.1.0" } });
    expect(query!.url).toMatch(new RegExp(`^${SF}/queries/v1/query-request\\?requestId=[0-9a-f-]{36}$`));
    expect(query!.headers).toEqual({ accept: "application/json", authorization: "[REDACTED]", "content-type": "application/json" });
    expect(JSON.parse(query!.body)).toEqual({ sqlText: CREATE_TABLE, asyncExec: false, sequenceId: 1, querySubmissionTime: Date.parse(NOW) });
    expect(JSON.stringify(connector.requests)).not.toContain(AWS_SECRET);
    expect(fake.logins).toBe(1);
  });

  it("creates a GCS stage with the storage integration and sends the role", async () => {
    const { json } = createTestServiceAccount();
    const { connector, fake } = await make({
      config: { stageToUse: "GCS", storageIntegrationName: "gcs_int", awsAccessKeyId: "", awsSecretAccessKey: "", awsRegion: "", role: "LOADER" },
      attachments: { gcsCredentials: { file_name: "k.json", content_type: "application/json", contents: Buffer.from(json) } },
    });
    await connector.setup();
    expect(fake.sql[1]).toBe(`CREATE STAGE IF NOT EXISTS "ANALYTICS"."PUBLIC"."PH_STAGE" URL='gcs://ph-stage/' ${FORMAT} STORAGE_INTEGRATION = GCS_INT COMMENT = 'GCS Stage used by the PostHog Snowflake export plugin';`);
    expect(connector.requests[0]!.url).toContain("&roleName=LOADER&");
  });

  it("fails setup on a refused login or a SQL error", async () => {
    const refused = await createTestConnector(dir, { module: plugin, config });
    refused.mocks.on("POST", /login-request/, { json: { success: false, code: "390100", message: "Incorrect username or password was specified.", data: null } });
    await expect(refused.setup()).rejects.toThrow("Snowflake login failed: Incorrect username or password was specified.");
    const { connector, fake } = await make();
    fake.failWhen = (sql) => (sql.startsWith("CREATE STAGE") ? { success: false, code: "003001", message: "SQL access control error: Insufficient privileges" } : undefined);
    await expect(connector.setup()).rejects.toThrow("Snowflake statement failed: SQL access control error: Insufficient privileges (code 003001)");
  });

  it("polls getResultUrl while a statement is still running, and logs in again when the session expired", async () => {
    const { connector, fake } = await make();
    let calls = 0;
    fake.failWhen = () => (calls++ === 0 ? { success: false, code: "390112", message: "Your session has expired. Please login again." } : calls === 2 ? { success: true, code: "333334", data: { getResultUrl: "/queries/01ab/result" } } : undefined);
    connector.mocks.on("GET", `${SF}/queries/01ab/result`, { json: { success: true, data: { rowset: [] } } });
    await connector.setup();
    expect(fake.logins).toBe(2);
    expect(connector.requests.filter((r) => r.method === "GET").map((r) => r.url)).toEqual([`${SF}/queries/01ab/result`]);
  });

  const base = { ...config } as Record<string, string>;
  it.each([
    [{ password: "" }, "Required config option password is missing!"],
    [{ warehouse: undefined }, "Required config option warehouse is missing!"],
    [{ awsRegion: "" }, "You must provide an AWS Access Key ID, Secret Access Key, bucket name, and bucket region to use the S3 stage."],
    [{ stageToUse: "GCS" }, "Credentials JSON file not provided!"],
    [{ stage: "ph stage; drop" }, "Config option stage must be a plain Snowflake identifier"],
  ])("checks the config: %j", (overrides, message) => {
    expect(() => readSettings({ ...base, ...overrides }, undefined)).toThrow(message);
  });

  it("checks the GCS credentials and integration name", () => {
    const gcs = { ...base, stageToUse: "GCS" };
    const { json } = createTestServiceAccount();
    const file = (contents: string) => ({ file_name: "k.json", content_type: "application/json", contents: Buffer.from(contents) });
    expect(() => readSettings(gcs, file("{nope"))).toThrow("Credentials JSON file has invalid JSON!");
    expect(() => readSettings(gcs, file(json))).toThrow("You must provide valid credentials and your storage integration name to use the GCS stage.");
  });

  it("parses the bucket path and the cadence", () => {
    expect([parseBucketPath("/exports"), parseBucketPath("a/b/"), parseBucketPath(""), parseBucketPath(undefined)]).toEqual(["exports/", "a/b/", "", ""]);
    expect(readSettings({ ...base, copyCadenceMinutes: "0" }, undefined).copyCadenceMinutes).toBe(10);
    expect(readSettings({ ...base, copyCadenceMinutes: "x" }, undefined).copyCadenceMinutes).toBe(10);
    expect(readSettings({ ...base, copyCadenceMinutes: "3" }, undefined).copyCadenceMinutes).toBe(3);
  });
});

describe("snowflake-export staging and copying", () => {
  it("stages the spec's example batch in S3 and remembers the file", async () => {
    const { connector } = await make();
    await connector.exportEvents([signup, { ...signup, event: "$snapshot", uuid: "s" }]);
    const put = connector.requests.at(-1)!;
    expect([put.method, put.url, put.status]).toEqual(["PUT", `https://ph-stage.s3.eu-west-1.amazonaws.com/${FILE}`, 200]);
    expect(put.body).toBe('uuid,event,properties,elements,people_set,people_set_once,distinct_id,team_id,ip,site_url,timestamp\nu1|$|signup|$|{"plan":"pro"}|$|[]|$|{}|$|{}|$|d1|$|2|$||$||$|2024-03-05T10:15:00.000Z');
    expect(put.headers).toMatchObject({ authorization: "[REDACTED]", "content-type": "text/csv", "x-amz-date": "20240305T101520Z" });
    expect(await connector.meta.storage.get("_files_staged_for_copy_into_snowflake", [])).toEqual([FILE]);
  });

  it("logs and skips a batch of ignored events; an upload failure is a RetryError and stages nothing", async () => {
    const { connector } = await make({ uploadStatus: 503 });
    await connector.exportEvents([{ ...signup, event: "$feature_flag_called" }]);
    expect(connector.logs.at(-1)?.message).toBe("Skipping an empty batch of events");
    await expect(connector.exportEvents([signup])).rejects.toMatchObject({ cause: { name: "RetryError" } });
    expect(connector.logs.at(-1)?.message).toBe(`Failed to stage 1 event(s) for Snowflake: S3 upload of ${FILE} answered 503`);
    expect(await connector.meta.storage.get("_files_staged_for_copy_into_snowflake", [])).toEqual([]);
  });

  it("stages through GCS with a service-account token", async () => {
    const { json } = createTestServiceAccount();
    const { connector } = await make({
      config: { stageToUse: "GCS", storageIntegrationName: "gcs_int", awsAccessKeyId: "", awsSecretAccessKey: "", awsRegion: "" },
      attachments: { gcsCredentials: { file_name: "k.json", content_type: "application/json", contents: Buffer.from(json) } },
    });
    connector.mocks.on("POST", "https://oauth2.googleapis.com/token", { json: { access_token: "ya29.t", expires_in: 3599 } });
    connector.mocks.on("POST", /storage\.googleapis\.com/, { json: {} });
    await connector.exportEvents([signup]);
    expect(connector.requests.at(-1)!.url).toBe(`https://storage.googleapis.com/upload/storage/v1/b/ph-stage/o?uploadType=media&name=${encodeURIComponent(FILE)}`);
  });

  it("copies on runEveryMinute (the spec's example): two follow-up jobs, USE WAREHOUSE and COPY INTO, lastRun, storage cleared", async () => {
    const clock = new VirtualClock(NOW);
    clock.onChange((now) => vi.setSystemTime(now));
    const { connector, fake } = await make({ clock });
    await connector.exportEvents([signup]);
    await connector.runTask("runEveryMinute");
    expect(fake.sql.slice(2)).toEqual(["USE WAREHOUSE LOAD_WH;", copySql([FILE])]);
    expect(connector.jobs.pending.map((j) => [j.name, j.runAt - clock.now(), j.payload])).toEqual([
      ["copyIntoSnowflakeJob", 20_000, {}],
      ["copyIntoSnowflakeJob", 40_000, {}],
    ]);
    expect(await connector.meta.cache.get("lastRun", null)).toBe(Date.parse(NOW));
    expect(await connector.meta.storage.get("_files_staged_for_copy_into_snowflake", [])).toEqual([]);

    // Within the cadence (10 min) the jobs find the new file but do not copy it yet.
    await connector.exportEvents([{ ...signup, uuid: "u2" }]);
    await clock.advance(40_000);
    expect(fake.sql).toHaveLength(4);
    await clock.advance(10 * 60_000);
    await connector.runTask("runEveryMinute");
    expect(fake.sql.at(-1)).toMatch(/^COPY INTO .* FILES = \( 'exports\/snowflake-export-2024-03-05-20240305-101520\.123Z-0123456789abcdef\.csv' \)/);
  });

  it("adds FORCE = true with forceCopy and PURGE = false without purging", async () => {
    const { connector, fake } = await make({ config: { forceCopy: "Yes", purgeFromStage: "No" } });
    await connector.exportEvents([signup]);
    await connector.runTask("runEveryMinute");
    expect(fake.sql.at(-1)).toBe(copySql([FILE], " FORCE = true").replace("PURGE = true", "PURGE = false"));
  });

  it("retries a failed COPY with back-off 3, 3, 6, 12 s ... and gives up after 15 retries, naming the files", async () => {
    const clock = new VirtualClock(NOW);
    const { connector, fake } = await make({ clock });
    fake.failWhen = (sql) => (sql.startsWith("COPY") ? { success: false, code: "002003", message: "Stage does not exist" } : undefined);
    await connector.exportEvents([signup]);
    await connector.runTask("runEveryMinute");
    const retry = () => connector.jobs.pending.find((j) => j.name === "retryCopyIntoSnowflake")!;
    expect([retry().runAt - clock.now(), retry().payload]).toEqual([3000, { retriesPerformedSoFar: 0, filesStagedForCopy: [FILE] }]);
    const delays: number[] = [];
    for (let n = 0; n < 15; n++) {
      const before = retry();
      await clock.advance(before.runAt - clock.now());
      delays.push(retry().runAt - clock.now());
    }
    expect(delays.slice(0, 4)).toEqual([3000, 6000, 12_000, 24_000]);
    expect((retry().payload as { retriesPerformedSoFar: number }).retriesPerformedSoFar).toBe(15);
    await clock.advance(retry().runAt - clock.now());
    expect(connector.jobs.pending.find((j) => j.name === "retryCopyIntoSnowflake")).toBeUndefined();
    expect(connector.logs.at(-1)?.message).toBe(`Giving up on COPY INTO Snowflake for 1 file(s) (they stay in the bucket): ${FILE}`);
  });

  it("does not retry with retryCopyIntoOperations=No (logs the files)", async () => {
    const { connector, fake } = await make({ config: { retryCopyIntoOperations: "No" } });
    fake.failWhen = (sql) => (sql.startsWith("COPY") ? { success: false, message: "boom" } : undefined);
    await connector.setup();
    await connector.runJob("retryCopyIntoSnowflake", { retriesPerformedSoFar: 0, filesStagedForCopy: ["a.csv"] });
    expect(fake.sql.filter((s) => s.startsWith("COPY"))).toEqual([]);
    expect(connector.logs.at(-1)?.message).toContain("Giving up on COPY INTO Snowflake for 1 file(s)");
  });

  it("copies the first 50 files now and enqueues each further 50 for 3 s", async () => {
    const { connector, fake } = await make({ config: {} });
    const files = Array.from({ length: 120 }, (_, i) => `exports/f${i}.csv`);
    await connector.setup();
    await connector.meta.storage.set("_files_staged_for_copy_into_snowflake", files);
    await connector.runJob("copyIntoSnowflakeJob", {});
    expect(fake.sql.at(-1)).toBe(copySql(files.slice(0, 50)));
    expect(connector.jobs.pending.filter((j) => j.name === "retryCopyIntoSnowflake").map((j) => (j.payload as { filesStagedForCopy: string[] }).filesStagedForCopy.length)).toEqual([50, 20]);
  });

  it("keeps files staged while a COPY runs (fixed: the original deleted the whole list)", async () => {
    const { connector, fake } = await make();
    await connector.exportEvents([signup]);
    fake.failWhen = (sql) => {
      if (sql.startsWith("COPY")) void connector.meta.storage.set("_files_staged_for_copy_into_snowflake", [FILE, "exports/late.csv"]);
      return undefined;
    };
    await connector.runTask("runEveryMinute");
    expect(await connector.meta.storage.get("_files_staged_for_copy_into_snowflake", [])).toEqual(["exports/late.csv"]);
  });

  it("copies at teardown regardless of the cadence, then logs out", async () => {
    const { connector, fake } = await make();
    await connector.exportEvents([signup]);
    await connector.meta.cache.set("lastRun", Date.now());
    await connector.teardown();
    expect(fake.sql.at(-1)).toBe(copySql([FILE]));
    expect(connector.requests.at(-1)!.url).toBe(`${SF}/session/logout-request`);
  });
});
