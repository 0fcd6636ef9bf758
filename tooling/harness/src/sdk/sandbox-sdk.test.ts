import { describe, expect, it } from "vitest";
import { FetchInterceptor } from "../fetch/fetch-interceptor.ts";
import { rejection, sandboxedConnector } from "../sandbox/sandbox-test-support.ts";
import { event } from "../test-support/temp-connector.ts";

// These tests are about what the SDK handles offer, not about budgets: the first call of a test loads the
// SDK on the host (seconds on a busy machine), and every host call counts against the hook's deadline.
const SDK_HOOK_BUDGET_MS = 60_000;

const CREDENTIALS = "{ client_email: 'a@p.iam.gserviceaccount.com', private_key: 'not used' }";

/** Runs `body` as a sandboxed onEvent and returns what it logged (each `out(x)` becomes a JSON log line). */
async function inSandbox(body: string, fetch = new FetchInterceptor()) {
  const connector = await sandboxedConnector(`const out = (x) => console.log(JSON.stringify(x));\nexports.onEvent = async () => {\n${body}\n}`, { fetch }, { sandbox: { cpuTimeoutMs: SDK_HOOK_BUDGET_MS, memoryLimitMb: 64 } });
  await connector.onEvent(event());
  return { connector, outputs: connector.logs.map((l) => JSON.parse(l.message)) };
}

async function failure(body: string): Promise<string> {
  const connector = await sandboxedConnector(`exports.onEvent = async () => {\n${body}\n}`, {}, { sandbox: { cpuTimeoutMs: SDK_HOOK_BUDGET_MS, memoryLimitMb: 64 } });
  const error = await rejection(() => connector.onEvent(event()));
  return String(error.message);
}

describe("vendor SDKs in the sandbox", { timeout: SDK_HOOK_BUDGET_MS * 2 }, () => {
  it("offers only the allowed calls: SDK objects are handles with their allowed methods and simple properties", async () => {
    const { outputs } = await inSandbox(`
      const { Storage } = require('@google-cloud/storage');
      const file = new Storage({ projectId: 'p', credentials: ${CREDENTIALS} }).bucket('bk').file('a/b.csv');
      const AWS = require('aws-sdk');
      const s3 = new AWS.S3({ region: 'eu-west-1', credentials: new AWS.Credentials('AKIA', 'secret') });
      out({ name: file.name, save: typeof file.save, internal: typeof file.request, ctor: Object.keys(file).includes('constructor'), put: typeof s3.putObject, listeners: typeof s3.on });
      out({ signed: s3.getSignedUrl('getObject', { Bucket: 'acme-bucket', Key: 'k', Expires: 60 }).startsWith('https://acme-bucket.s3.eu-west-1.amazonaws.com/k?') });
    `);
    expect(outputs).toEqual([{ name: "a/b.csv", save: "function", internal: "undefined", ctor: false, put: "function", listeners: "undefined" }, { signed: true }]);
  });

  it.each([
    ["a local file download", "new (require('@google-cloud/storage').Storage)({ credentials: " + CREDENTIALS + " }).bucket('b').file('f').download({ destination: '/tmp/x' })", "File.download with `destination` is not available to sandboxed connectors: it reads or writes files on the host"],
    ["a snowflake PUT", "const c = require('snowflake-sdk').createConnection({ account: 'a', username: 'u', password: 'p' }); c.execute({ sqlText: '  put file:///etc/passwd @stage' })", "snowflake PUT/GET is not available to sandboxed connectors: it reads or writes files on the host"],
    ["a stream API", "new (require('@google-cloud/bigquery').BigQuery)({ credentials: " + CREDENTIALS + " }).dataset('d').table('t').createWriteStream()", "Table.createWriteStream() is not available to sandboxed connectors: streams cannot cross the sandbox boundary"],
    ["a local-file upload", "new (require('@google-cloud/storage').Storage)({ credentials: " + CREDENTIALS + " }).bucket('b').upload('/etc/passwd')", "Bucket.upload() is not available to sandboxed connectors: it reads or writes files on the host"],
    ["a Pub/Sub subscription", "new (require('@google-cloud/pubsub').PubSub)({ credentials: " + CREDENTIALS + " }).topic('t').subscription('s')", "Topic.subscription() is not available to sandboxed connectors: Pub/Sub subscriptions pull over a long-lived stream"],
    ["a method outside the surface", "new (require('@google-cloud/bigquery').BigQuery)({ credentials: " + CREDENTIALS + " }).getProjectId()", "getProjectId is not a function"],
    ["the host's Google credentials", "new (require('@google-cloud/pubsub').PubSub)({ keyFilename: '/etc/key.json' })", "@google-cloud/pubsub: the `keyFilename` option is not supported"],
    ["no credentials at all", "new (require('@google-cloud/bigquery').BigQuery)({ projectId: 'p' })", "@google-cloud/bigquery: no `credentials` were given"],
    ["the host's snowflake config", "require('snowflake-sdk').createConnection()", "createConnection needs its options"],
    ["a function argument", "new (require('aws-sdk').S3)({ region: 'x' }).putObject({ Bucket: 'b', Key: 'k', Body: () => 1 }, 'not a callback')", "putObject[0].Body is a function"],
  ])("refuses %s with an error that says so", async (_what, body, message) => {
    expect(await failure(body)).toContain(message);
  });

  it("keeps host objects out of reach: no constructor, prototype or Function through a handle", async () => {
    const { outputs } = await inSandbox(`
      const AWS = require('aws-sdk');
      const s3 = new AWS.S3({ region: 'eu-west-1' });
      const tries = [];
      for (const name of ['constructor', '__proto__', 'call', 'apply', 'bind']) tries.push(typeof s3[name] === 'function' && s3[name] !== Object.prototype[name] ? name : null);
      out({ reachable: tries.filter(Boolean), hostFunction: s3.constructor === Object });
    `);
    expect(outputs).toEqual([{ reachable: [], hostFunction: true }]);
  });

  it("gives SDK errors their fields (code, statusCode, retryable) inside the isolate", async () => {
    const fetch = new FetchInterceptor().on("GET", "https://acme-bucket.s3.eu-west-1.amazonaws.com/missing", { status: 404, body: "<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>" });
    const { outputs, connector } = await inSandbox(
      `const S3 = require('aws-sdk/clients/s3');
       const s3 = new S3({ region: 'eu-west-1', accessKeyId: 'AKIA', secretAccessKey: 'shh' });
       try { await s3.getObject({ Bucket: 'acme-bucket', Key: 'missing' }).promise() } catch (e) { out({ name: e.name, code: e.code, statusCode: e.statusCode, retryable: e.retryable, isError: e instanceof Error }) }
       await new Promise((resolve) => s3.getObject({ Bucket: 'acme-bucket', Key: 'missing' }, (err, data) => { out({ callback: err.code, data: data === undefined }); resolve() }));`,
      fetch,
    );
    expect(outputs).toEqual([
      { name: "NoSuchKey", code: "NoSuchKey", statusCode: 404, retryable: false, isError: true },
      { callback: "NoSuchKey", data: true },
    ]);
    expect(connector.requests.map((r) => r.url)).toEqual(["https://acme-bucket.s3.eu-west-1.amazonaws.com/missing", "https://acme-bucket.s3.eu-west-1.amazonaws.com/missing"]);
  });

  it("applies the connector's egress policy to the SDK's requests", async () => {
    const connector = await sandboxedConnector(
      `exports.onEvent = async () => { const S3 = require('aws-sdk/clients/s3'); await new S3({ region: 'eu-west-1', accessKeyId: 'A', secretAccessKey: 'S', maxRetries: 0 }).putObject({ Bucket: 'acme-bucket', Key: 'k', Body: 'x' }).promise() }`,
      {},
      { manifest: { allowedHosts: ["api.example.com"] }, sandbox: { cpuTimeoutMs: SDK_HOOK_BUDGET_MS, memoryLimitMb: 64 } },
    );
    const error = await rejection(() => connector.onEvent(event()));
    expect(String(error.message)).toContain("may not call acme-bucket.s3.eu-west-1.amazonaws.com");
    expect(connector.requests).toMatchObject([{ method: "PUT", url: "https://acme-bucket.s3.eu-west-1.amazonaws.com/k", via: "denied" }]);
  });

  it("hands a redirect to the SDK as it came (the relay never follows it); the hop the SDK then makes is checked again", async () => {
    const fetch = new FetchInterceptor().on("GET", "https://acme-bucket.s3.eu-west-1.amazonaws.com/k", {
      status: 301,
      headers: { location: "http://169.254.169.254/latest/meta-data/" },
      body: "<Error><Code>PermanentRedirect</Code><Message>moved</Message></Error>",
    });
    const { outputs, connector } = await inSandbox(
      `const S3 = require('aws-sdk/clients/s3');
       try { await new S3({ region: 'eu-west-1', accessKeyId: 'A', secretAccessKey: 'S', maxRetries: 0 }).getObject({ Bucket: 'acme-bucket', Key: 'k' }).promise() } catch (e) { out({ code: e.code, message: e.message }) }`,
      fetch,
    );
    // aws-sdk v2 follows a Location itself: that hop is a new request through the harness fetch, refused.
    expect(outputs).toEqual([{ code: "NetworkingError", message: expect.stringContaining("may not call 169.254.169.254: 169.254.169.254 is a link-local") }]);
    expect(connector.requests[0]).toMatchObject({ url: "https://acme-bucket.s3.eu-west-1.amazonaws.com/k", status: 301 });
    const metadata = connector.requests.filter((r) => r.url.startsWith("http://169.254.169.254/"));
    expect(metadata.length).toBeGreaterThan(0);
    expect(metadata.every((r) => r.via === "denied")).toBe(true);
  });
});
