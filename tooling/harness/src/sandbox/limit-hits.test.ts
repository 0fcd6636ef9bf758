import { describe, expect, it, vi } from "vitest";
import { event } from "../test-support/temp-connector.ts";
import { limitHitRecord, MAX_LIMIT_HITS_KEPT } from "./limit-hits.ts";
import { getConnectorSandbox } from "./load-sandboxed.ts";
import { sandboxedConnector } from "./sandbox-test-support.ts";

describe("a sandbox's background limit hits", () => {
  it("keeps the last 100, oldest first, and counts the dropped ones", () => {
    const hits = limitHitRecord();
    for (let n = 0; n < 250; n++) hits.push({ hook: `jobs.j${n}`, limit: "cpu" });
    expect(hits.length).toBe(MAX_LIMIT_HITS_KEPT);
    expect(hits.dropped).toBe(150);
    expect(hits.toArray()[0]).toEqual({ hook: "jobs.j150", limit: "cpu" });
    expect(hits.toArray().at(-1)).toEqual({ hook: "jobs.j249", limit: "cpu" });
  });

  it("cuts a hook name a connector made huge (a job's name) instead of keeping it", () => {
    const hits = limitHitRecord(2);
    const kept = hits.push({ hook: `jobs.${"x".repeat(1024 * 1024)}`, limit: "cpu" });
    expect(kept.hook.length).toBeLessThan(4096);
    expect(kept.hook).toMatch(/^jobs\.x+… \[cut\]$/);
    expect(hits.truncated).toBe(1);
  });

  it("records the CPU limit hit by a continuation that runs after the hook returned", async () => {
    // The hook returns at once; the loop after the cache read has no caller left to fail.
    const connector = await sandboxedConnector("exports.processEvent = (e, { cache }) => { cache.get('k', null).then(() => { for (;;) {} }); return e }", {}, { sandbox: { cpuTimeoutMs: 2000 } });
    const sandbox = getConnectorSandbox(connector.plugin)!;
    expect(await connector.processEvent(event())).toMatchObject({ event: "$pageview" });
    await vi.waitFor(() => expect(sandbox.limitHits.toArray()).toEqual([{ hook: "processEvent", limit: "cpu" }]), { timeout: 60_000, interval: 50 });
  }, 90_000);
});
