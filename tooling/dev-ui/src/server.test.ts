import { mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStudio, type RunningStudio } from "./server.ts";
import { createStudioWorkspace } from "./test-workspace.ts";

let studio: RunningStudio;

beforeAll(async () => {
  studio = await startStudio({ root: createStudioWorkspace() });
});
afterAll(() => studio.close());

async function call(path: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(new URL(path, studio.url), { ...init, headers: { "content-type": "application/json", ...init.headers } });
  return { status: response.status, body: await response.json() };
}

describe("studio API", () => {
  it("lists the workspace's connectors", async () => {
    expect((await call("/api/connectors")).body).toEqual([
      { id: "hello-world", name: "Hello World", local: false },
      { id: "needs-key", name: "Needs Key", local: false },
    ]);
  });

  it("describes a connector with its derived config schema and source", async () => {
    const { body } = await call("/api/connectors/hello-world");
    expect(body.configSchema.properties.name).toMatchObject({ type: "string", title: "Person to greet" });
    expect(body.source).toContain("processEvent");
  });

  it("runs processEvent and returns output, logs and timing", async () => {
    const { body } = await call("/api/run", { method: "POST", body: JSON.stringify({ id: "needs-key", hook: "processEvent", config: { apiKey: "secret-key-123" }, event: { event: "x", distinct_id: "u", team_id: 2, properties: {} } }) });
    expect(body).toMatchObject({ ok: true, dropped: false, output: { event: "x" }, logs: [{ level: "info", message: "mode fast" }] });
    expect(JSON.stringify(body)).not.toContain("secret-key-123");
  });

  it("returns config issues for inline display", async () => {
    const { body } = await call("/api/run", { method: "POST", body: JSON.stringify({ id: "needs-key", hook: "processEvent", config: {}, event: { event: "x" } }) });
    expect(body.ok).toBe(false);
    expect(body.error.issues[0]).toMatchObject({ path: "/apiKey", message: "config.apiKey is required" });
  });

  it("refuses a cross-origin write", async () => {
    const { status, body } = await call("/api/run", { method: "POST", headers: { origin: "http://evil.example.com" }, body: "{}" });
    expect(status).toBe(403);
    expect(body.error.message).toMatch(/cross-origin/);
  });

  it("refuses a foreign Host header (DNS rebinding)", async () => {
    const { port } = new URL(studio.url);
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: "127.0.0.1", port, path: "/api/connectors", headers: { host: "evil.example.com" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on("error", reject)
        .end();
    });
    expect(status).toBe(403);
  });

  it("opens a scratch connector from a local path and converts it into a workspace package", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "scratch-"));
    writeFileSync(join(scratch, "plugin.json"), JSON.stringify({ name: "Scratch", config: [{ key: "who", type: "string", default: "you" }] }));
    writeFileSync(join(scratch, "index.js"), "function processEvent(event, { config }) { event.properties = { ...event.properties, who: config.who }; return event }\nmodule.exports = { processEvent }\n");
    const opened = await call("/api/open", { method: "POST", body: JSON.stringify({ path: scratch }) });
    expect(opened.body.id).toBe(scratch);
    const converted = await call("/api/convert", { method: "POST", body: JSON.stringify({ id: scratch, name: "scratch-one" }) });
    expect(converted.status).toBe(200);
    expect(converted.body.id).toBe("scratch-one");
    expect((await call("/api/connectors")).body.map((c: { id: string }) => c.id)).toContain("scratch-one");
    const run = await call("/api/run", { method: "POST", body: JSON.stringify({ id: "scratch-one", hook: "processEvent", config: {}, event: { event: "x", distinct_id: "u", team_id: 2, properties: {} } }) });
    expect(run.body.output.properties).toEqual({ who: "you" });
  });

  it("refuses unknown connectors and path tricks", async () => {
    expect((await call("/api/connectors/..%2F..%2Fetc")).status).toBe(404);
  });
});
