import { createTestConnector, VirtualClock } from "@connectors/testkit";
import type { ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { describe, expect, it } from "vitest";
import autocapture from "./fixtures/autocapture.json" with { type: "json" };
import * as plugin from "./index.ts";
import { buildJobSpec } from "./lib/job-spec.ts";
import { LOADER_SCRIPT } from "./lib/loader-script.ts";
import { HEADER, toColumn, toLine } from "./lib/to-line.ts";
import { chunkText } from "./lib/write-dbfs-file.ts";

const dir = import.meta.dirname;
const HOST = "https://dbc-1.cloud.databricks.com";
const config = { DomainName: "dbc-1.cloud.databricks.com", ApiKey: "dapi1-secret-token", fileName: "/tmp/posthog.csv", pythonSupportFileUpload: "/tmp/posthog_upload.py", clusterId: "0305-abc", dbName: "ph_events" };
const signup = { event: "signup", distinct_id: "d1", team_id: 2, uuid: "u1", ip: null, timestamp: "2024-03-05T10:00:00Z", properties: { plan: "pro" }, $set: { e: 1 } } as ProcessedPluginEvent;
const SIGNUP_LINE = 'signup|d1|2|||2024-03-05T10:00:00Z|u1|{"plan":"pro"}|[]|{"e":1}|{}';

async function make(options: { config?: Record<string, unknown>; clock?: VirtualClock } = {}) {
  const connector = await createTestConnector(dir, { module: plugin, config: { ...config, ...options.config }, ...(options.clock ? { clock: options.clock } : {}) });
  let handle = 6;
  const auth: string[] = [];
  connector.mocks.on("POST", `${HOST}/api/2.0/dbfs/create`, (request) => (auth.push(request.headers.authorization!), { json: { handle: ++handle } }));
  connector.mocks.on("POST", `${HOST}/api/2.0/dbfs/add-block`, { json: {} });
  connector.mocks.on("POST", `${HOST}/api/2.0/dbfs/close`, { json: {} });
  return { connector, auth };
}
const sent = (connector: { requests: Array<{ method: string; url: string; body: string }> }, from = 0) => connector.requests.slice(from).map((r) => [r.url.replace(HOST, ""), JSON.parse(r.body)]);
const decode = (data: string) => Buffer.from(data, "base64").toString("utf8");

describe("databricks setup", () => {
  it("uploads the loader script to pythonSupportFileUpload (create, add-block, close) with the Bearer key", async () => {
    const { connector, auth } = await make();
    await connector.setup();
    expect(sent(connector)).toEqual([
      ["/api/2.0/dbfs/create", { path: "/tmp/posthog_upload.py", overwrite: "true" }],
      ["/api/2.0/dbfs/add-block", { handle: 7, data: Buffer.from(LOADER_SCRIPT).toString("base64") }],
      ["/api/2.0/dbfs/close", { handle: 7 }],
    ]);
    expect(connector.requests[0]!.headers).toEqual({ authorization: "[REDACTED]", "content-type": "application/json" });
    expect(auth).toEqual(["Bearer dapi1-secret-token"]);
    expect(LOADER_SCRIPT).toContain('pd.read_csv("/dbfs" + file_name, sep="|"');
    expect(LOADER_SCRIPT).toContain("saveAsTable(table_name)");
    expect(LOADER_SCRIPT).toContain("insertInto(table_name, overwrite=False)");
  });

  it("retries a network error once, then fails with the original's message", async () => {
    const connector = await createTestConnector(dir, { module: plugin, config });
    connector.mocks.once("POST", `${HOST}/api/2.0/dbfs/create`, { error: "ECONNRESET" });
    connector.mocks.once("POST", `${HOST}/api/2.0/dbfs/create`, { json: { handle: 1 } });
    connector.mocks.on("POST", /dbfs\/(add-block|close)$/, { json: {} });
    await connector.setup();
    expect(connector.requests.map((r) => r.url.replace(HOST, ""))).toEqual(["/api/2.0/dbfs/create", "/api/2.0/dbfs/create", "/api/2.0/dbfs/add-block", "/api/2.0/dbfs/close"]);

    const down = await createTestConnector(dir, { module: plugin, config });
    down.mocks.on("POST", /.*/, { error: "ECONNREFUSED" });
    await expect(down.setup()).rejects.toThrow(`POST request to ${HOST}/api/2.0/dbfs/create failed.`);
    expect(down.requests).toHaveLength(2);
  });

  it("checks statuses (fixed): 4xx is an error, 429/5xx a RetryError", async () => {
    const forbidden = await createTestConnector(dir, { module: plugin, config });
    forbidden.mocks.on("POST", /.*/, { status: 403, json: { error_code: "PERMISSION_DENIED", message: "Invalid access token." } });
    await expect(forbidden.setup()).rejects.toThrow("Databricks /api/2.0/dbfs/create answered 403 PERMISSION_DENIED: Invalid access token.");
    const busy = await createTestConnector(dir, { module: plugin, config });
    busy.mocks.on("POST", /.*/, { status: 503, json: {} });
    const error = (await busy.setup().catch((e: unknown) => e)) as { cause?: Error };
    expect(error.cause).toMatchObject({ name: "RetryError", message: "Databricks /api/2.0/dbfs/create answered 503" });
    expect(busy.secretsLogged).toBe(0);
  });
});

describe("databricks export", () => {
  it("stores one line per event (the spec's example, fixed: real properties, no extra empty line)", async () => {
    const { connector } = await make();
    await connector.exportEvents([signup]);
    expect(await connector.meta.storage.get("data", [])).toEqual([SIGNUP_LINE]);
    await connector.exportEvents([{ ...signup, uuid: "u2" }]);
    expect(await connector.meta.storage.get("data", [])).toEqual([SIGNUP_LINE, SIGNUP_LINE.replace("|u1|", "|u2|")]);
    expect(connector.requests.filter((r) => !r.url.endsWith("_upload.py")).map((r) => r.url)).toHaveLength(3); // setup only
  });

  it("moves $elements of an $autocapture into elements, skips ignored events", async () => {
    const { connector } = await make({ config: { eventsToIgnore: "$feature_flag_called, skip" } });
    await connector.exportEvents([structuredClone(autocapture) as never, { ...signup, event: "skip" }, { ...signup, event: "$feature_flag_called" }]);
    const lines = (await connector.meta.storage.get("data", [])) as string[];
    expect(lines).toEqual([
      '$autocapture|d1|2|1.1.1.1||2024-03-05T10:00:01.000Z|0190b4a2-6c1e-7a44-9d0a-5f3e2c1b0b02|{"$event_type":"click","$current_url":"https://example.com/signup","$ip":"1.1.1.1"}|[{"tag_name":"a","attr__href":"/signup"}]|{}|{}',
    ]);
  });

  it("keeps the columns intact when values contain | or line breaks", async () => {
    const line = toLine({ ...signup, distinct_id: "a|b", properties: { note: "x|y\nz" } });
    expect(line.split("|")).toHaveLength(11);
    expect(JSON.parse(line.split("|")[7]!)).toEqual({ note: "x|y\nz" });
    expect(line.split("|")[1]).toBe("a\\u007cb");
    expect([toColumn(null), toColumn(undefined), toColumn(0)]).toEqual(["", "", "0"]);
  });

  it("uploads the stored lines every minute, then creates and runs the job (the spec's example)", async () => {
    const { connector } = await make();
    connector.mocks.on("POST", `${HOST}/api/2.1/jobs/create`, { json: { job_id: 456 } });
    connector.mocks.on("POST", `${HOST}/api/2.1/jobs/run-now`, { json: { run_id: 789 } });
    connector.mocks.on("POST", `${HOST}/api/2.1/jobs/delete`, { json: {} });
    await connector.exportEvents([signup]);
    const from = connector.requests.length;
    await connector.runTask("runEveryMinute");
    const requests = sent(connector, from);
    expect(requests.map(([path]) => path)).toEqual(["/api/2.0/dbfs/create", "/api/2.0/dbfs/add-block", "/api/2.0/dbfs/close", "/api/2.1/jobs/create", "/api/2.1/jobs/run-now"]);
    expect(requests[0]![1]).toEqual({ path: "/tmp/posthog.csv", overwrite: "true" });
    expect(decode(requests[1]![1].data)).toBe(`${HEADER}\n${SIGNUP_LINE}\n`);
    expect(requests[3]![1]).toEqual(buildJobSpec("0305-abc", "/tmp/posthog_upload.py"));
    expect(requests[3]![1].tasks[0]).toMatchObject({ existing_cluster_id: "0305-abc", spark_python_task: { python_file: "dbfs:/tmp/posthog_upload.py" } });
    expect(requests[4]![1]).toEqual({ job_id: 456, python_params: ["ph_events", "/tmp/posthog.csv"] });
    expect(await connector.meta.cache.get("job_id", null)).toBe(456);
    expect(await connector.meta.storage.get("data", [])).toEqual([]);

    await connector.exportEvents([signup]);
    const next = connector.requests.length;
    await connector.runTask("runEveryMinute");
    expect(sent(connector, next).map(([path]) => path)).toContain("/api/2.1/jobs/delete");
    expect(sent(connector, next).find(([path]) => path === "/api/2.1/jobs/delete")![1]).toEqual({ job_id: 456 });
  });

  it("only creates and closes the empty file when nothing is stored", async () => {
    const { connector } = await make();
    await connector.setup();
    const from = connector.requests.length;
    await connector.runTask("runEveryMinute");
    expect(sent(connector, from)).toEqual([
      ["/api/2.0/dbfs/create", { path: "/tmp/posthog.csv", overwrite: "true" }],
      ["/api/2.0/dbfs/close", { handle: 8 }],
    ]);
  });

  it("keeps the lines when the run fails and loads them on the next minute (on the schedule)", async () => {
    const clock = new VirtualClock("2024-03-05T10:00:30Z");
    const { connector } = await make({ clock });
    connector.mocks.once("POST", `${HOST}/api/2.1/jobs/create`, { status: 500, json: { message: "internal" } });
    connector.mocks.on("POST", `${HOST}/api/2.1/jobs/create`, { json: { job_id: 9 } });
    connector.mocks.on("POST", `${HOST}/api/2.1/jobs/run-now`, { json: { run_id: 1 } });
    await connector.exportEvents([signup]);
    connector.startSchedule();
    await clock.advance(30_000);
    expect(connector.errors).toEqual([{ hook: "runEveryMinute", message: expect.stringContaining("Databricks /api/2.1/jobs/create answered 500: internal") }]);
    expect(await connector.meta.storage.get("data", [])).toEqual([SIGNUP_LINE]);
    await connector.exportEvents([{ ...signup, uuid: "u2" }]);
    await clock.advance(60_000);
    expect(await connector.meta.storage.get("data", [])).toEqual([]);
    const blocks = connector.requests.filter((r) => r.url.endsWith("add-block")).map((r) => decode(JSON.parse(r.body).data));
    expect(blocks.at(-1)).toBe(`${HEADER}\n${SIGNUP_LINE}\n${SIGNUP_LINE.replace("|u1|", "|u2|")}\n`);
  });
});

describe("chunkText", () => {
  it("sends ≤ 1 MB blocks (base64) and encodes line + newline as one unit (fixed: the original appended 'Cg==')", () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `${"x".repeat(500)}-${i}`);
    const chunks = chunkText(lines);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.toString("base64").length).toBeLessThanOrEqual(1024 * 1024);
    expect(Buffer.concat(chunks).toString()).toBe(lines.map((l) => `${l}\n`).join(""));
    expect(chunkText(["ab"])[0]!.toString("base64")).toBe(Buffer.from("ab\n").toString("base64"));
    expect(Buffer.concat(chunkText(["y".repeat(10)], 4)).toString()).toBe(`${"y".repeat(10)}\n`);
  });
});
