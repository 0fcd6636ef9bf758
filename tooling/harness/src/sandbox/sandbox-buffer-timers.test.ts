import { describe, expect, it } from "vitest";
import { event } from "../test-support/temp-connector.ts";
import { DEFAULT_MAX_PENDING_TIMERS } from "./sandbox-options.ts";
import { sandboxedConnector } from "./sandbox-test-support.ts";

// One buffer per event, each holding one item and so one flush timer on the host, until an add is refused.
const BUFFER_PER_EVENT = `const { createBuffer } = require('@posthog/plugin-contrib');
const buffers = [];
exports.processEvent = (e) => {
  const out = { made: 0 };
  for (let i = 0; i < e.properties.count; i++) {
    const buffer = createBuffer({ limit: 10, timeoutSeconds: 3600, onFlush: () => {} });
    try { buffer.add(i) } catch (err) { out.refused = err.name + ': ' + err.message; out.kept = buffer.items.length; break }
    buffers.push(buffer);
    out.made++;
  }
  if (e.properties.flushOne) buffers.shift().flush();
  return { ...e, properties: out };
}`;

type Outcome = { made: number; refused?: string; kept?: number };

describe("createBuffer timers in the sandbox", () => {
  it("refuses an add past sandbox.maxPendingTimers inside the isolate, naming the cap and the fix, and admits one again when a buffer flushes", async () => {
    const connector = await sandboxedConnector(BUFFER_PER_EVENT, {}, { sandbox: { maxPendingTimers: 10 } });
    const run = async (properties: object) => ((await connector.processEvent(event({ properties }))) as unknown as { properties: Outcome }).properties;
    const first = await run({ count: 25 });
    expect(first.made).toBe(10);
    expect(first.refused).toMatch(/^RangeError: createBuffer: 10 buffers already wait on their flush timeout, the sandbox's cap \(sandbox\.maxPendingTimers\); this add was not kept\. Fix: /);
    expect(first.kept).toBe(0);
    expect(await run({ count: 0, flushOne: true })).toEqual({ made: 0 });
    expect(await run({ count: 5 })).toMatchObject({ made: 1, kept: 0 });
  });

  it("defaults to 1000 pending timers", async () => {
    const connector = await sandboxedConnector(BUFFER_PER_EVENT);
    const out = ((await connector.processEvent(event({ properties: { count: 1500 } }))) as unknown as { properties: Outcome }).properties;
    expect(out.made).toBe(DEFAULT_MAX_PENDING_TIMERS);
    expect(out.refused).toContain("createBuffer: 1000 buffers");
  });
});
