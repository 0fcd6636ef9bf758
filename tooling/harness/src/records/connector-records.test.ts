import { describe, expect, it } from "vitest";
import { FetchInterceptor } from "../fetch/fetch-interceptor.ts";
import type { LoadMode } from "../load/load-connector.ts";
import { sandboxedConnector } from "../sandbox/sandbox-test-support.ts";
import { event } from "../test-support/temp-connector.ts";
import { DEFAULT_BUFFER_LIMITS } from "./buffer-limits.ts";
import { droppedNotes } from "./connector-records.ts";

const MIB = 1024 * 1024;
// Generous budgets: these tests count entries, never time, and the machine may be busy. The connector's
// timeoutMs is the sandbox's hook budget too.
const roomy = { memoryLimitMb: 256 };

function connectorIn(mode: LoadMode, code: string, options: Parameters<typeof sandboxedConnector>[1] = {}) {
  return sandboxedConnector(code, { timeoutMs: 120_000, ...options }, { mode, sandbox: roomy, manifest: { posthog: {} } });
}

describe.each<LoadMode>(["bundle", "sandbox"])("bounded records (%s mode)", (mode) => {
  it("keeps the last 1,000 of 100,000 log lines and leads them with how many were dropped", async () => {
    const connector = await connectorIn(mode, "exports.processEvent = (e) => { for (let i = 0; i < 100000; i++) console.log('line ' + i); return e }");
    await connector.processEvent(event());
    const logs = connector.logs;
    expect(logs).toHaveLength(DEFAULT_BUFFER_LIMITS.maxRecordEntries + 1);
    expect(logs[0]).toMatchObject({ source: "system", level: "warn" });
    expect(logs[0]!.message).toMatch(/^99000 earlier log lines were dropped \(the record keeps the last 1000 entries .*CONNECTORS_MAX_RECORD_ENTRIES/);
    expect(logs[1]!.message).toBe("line 99000");
    expect(logs.at(-1)!.message).toBe("line 99999");
    expect(connector.dropped).toEqual({ logs: 99_000, requests: 0, captured: 0, errors: 0, jobs: 0 });
  });

  it("cuts a 10 MiB log line to a quarter of the byte cap with a marker, keeping the lines around it", async () => {
    const connector = await connectorIn(mode, "exports.processEvent = (e) => { console.log('before'); console.log('x'.repeat(10 * 1024 * 1024)); console.log('after'); return e }", { bufferLimits: { maxRecordBytes: MIB } });
    await connector.processEvent(event());
    const long = connector.logs.find((entry) => entry.message.startsWith("xxx"))!;
    expect(long.message).toMatch(/x… \[truncated: \d+ bytes, over the 262144-byte limit per entry \(a quarter of the record's\); raise bufferLimits.maxRecordBytes \(CONNECTORS_MAX_RECORD_BYTES\)\]$/);
    expect(connector.records.logs.bytes).toBeLessThanOrEqual(MIB);
    expect(connector.records.logs.truncated).toBe(1);
    expect(connector.logs.map((entry) => entry.message.slice(0, 6))).toEqual(["before", "xxxxxx", "after"]);
  });

  it("keeps the most recent captured events and request records under their caps", async () => {
    const fetch = new FetchInterceptor().on("POST", "https://hooks.example.com/*", { status: 202 });
    const code = `exports.onEvent = async (e, { posthog }) => {
      for (let i = 0; i < 2000; i++) await posthog.capture('flood', { i })
      for (let i = 0; i < 300; i++) await fetch('https://hooks.example.com/' + i, { method: 'POST', body: 'b'.repeat(i === 299 ? 100000 : 10) })
    }`;
    const connector = await connectorIn(mode, code, { fetch, bufferLimits: { maxRecordEntries: 100, maxRecordBytes: 256 * 1024 } });
    await connector.onEvent(event());
    expect(connector.captured).toHaveLength(100);
    expect(connector.captured.at(-1)!.properties).toMatchObject({ i: 1999 });
    expect(connector.dropped).toMatchObject({ captured: 1900 });
    const last = connector.requests.at(-1)!;
    expect(last).toMatchObject({ url: "https://hooks.example.com/299", status: 202 });
    expect(last.body).toContain("[truncated: ");
    expect(connector.records.requests.bytes).toBeLessThanOrEqual(256 * 1024);
    expect(droppedNotes(connector.records)).toEqual([expect.stringMatching(/^\d+ earlier request records were dropped/), "1900 earlier captured events were dropped (the record keeps the last 100 entries and 262144 bytes; raise bufferLimits.maxRecordEntries (CONNECTORS_MAX_RECORD_ENTRIES) / raise bufferLimits.maxRecordBytes (CONNECTORS_MAX_RECORD_BYTES))"]);
  });
});

describe("job history", () => {
  it("keeps the most recent job runs and counts the rest as dropped", async () => {
    const code = "exports.jobs = { again: async (n, { jobs }) => { if (n < 49) await jobs.again(n + 1).runNow() } }";
    const connector = await connectorIn("bundle", code, { bufferLimits: { maxRecordEntries: 10 } });
    await connector.runJob("again", 0);
    expect(connector.jobs.history.map((run) => run.payload)).toEqual([40, 41, 42, 43, 44, 45, 46, 47, 48, 49]);
    expect(connector.dropped.jobs).toBe(40);
    expect(droppedNotes(connector.records)).toEqual(["40 earlier job runs were dropped (the record keeps the last 10 entries and 4194304 bytes; raise bufferLimits.maxRecordEntries (CONNECTORS_MAX_RECORD_ENTRIES) / raise bufferLimits.maxRecordBytes (CONNECTORS_MAX_RECORD_BYTES))"]);
  });
});
