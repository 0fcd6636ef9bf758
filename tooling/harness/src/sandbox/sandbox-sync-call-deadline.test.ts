import { describe, expect, it } from "vitest";
import { SandboxLimitError } from "../errors.ts";
import { event } from "../test-support/temp-connector.ts";
import { getConnectorSandbox } from "./load-sandboxed.ts";
import { rejection, sandboxedConnector } from "./sandbox-test-support.ts";

// Hashes 60 MiB (just under a raised maxValueBytes; the hash cap is 64 MiB) 200 times, counting the digests
// that came back. A report event reads the count. Done once on the host this is seconds of host time.
const HASHING = `const crypto = require('crypto');
const big = new Uint8Array(60 * 1024 * 1024);
globalThis.hashed = [];
function hashAll(e) { for (let i = 0; i < 200; i++) { crypto.createHash('sha256').update(big).digest('hex'); globalThis.hashed.push(e.properties.n) } return e }`;
const LARGE_CALLS = { cpuTimeoutMs: 500, memoryLimitMb: 256, maxValueBytes: 64 * 1024 * 1024 };

async function hashingConnector(hook: string) {
  const code = `${HASHING}\nexports.processEvent = ${hook}`;
  const connector = await sandboxedConnector(code, {}, { sandbox: LARGE_CALLS });
  const hashed = async () => ((await connector.processEvent(event({ properties: { report: true } }))) as unknown as { properties: { hashed: number[] } }).properties.hashed;
  return { connector, sandbox: getConnectorSandbox(connector.plugin)!, hashed };
}

const REPORT = "if (e.properties.report) return { ...e, properties: { hashed: globalThis.hashed } };";

describe("synchronous host calls and the hook's deadline", () => {
  // Measured (2026-12-05, isolated-vm 5.0.4): isolated-vm's timeout is the entry's wall clock, host calls
  // included; it stops the entry when the host call running at the deadline returns.
  it("stops a sync hook that makes 200 sha256 calls of 60 MiB under a 500 ms budget with the CPU limit, after a few calls", async () => {
    const { connector, hashed } = await hashingConnector(`(e) => { ${REPORT} return hashAll(e) }`);
    const error = await rejection(() => connector.processEvent(event({ properties: { n: 1 } })));
    expect(error).toBeInstanceOf(SandboxLimitError);
    expect(error).toMatchObject({ limit: "cpu", hook: "processEvent", value: 500 });
    expect((await hashed()).length).toBeLessThan(200);
  }, 120_000);

  it("stops the same loop after an await (a settle entry) the same way", async () => {
    const { connector, hashed } = await hashingConnector(`async (e, { cache }) => { ${REPORT} await cache.get('k', null); return hashAll(e) }`);
    expect(await rejection(() => connector.processEvent(event({ properties: { n: 1 } })))).toMatchObject({ limit: "cpu", hook: "processEvent" });
    expect((await hashed()).length).toBeLessThan(200);
  }, 120_000);

  // A batch chunk queued behind another starts its isolate timeout when it starts, after the batch's
  // deadline: before the host checked deadlines itself, each queued chunk hashed for a further budget
  // (measured: 6 digests and 3.5 s of host time for a 500 ms budget).
  it("lets no batch chunk that starts after the batch's deadline make host calls", async () => {
    const { connector, sandbox, hashed } = await hashingConnector(`(e) => { ${REPORT} return hashAll(e) }`);
    const events = Array.from({ length: 400 }, (_, n) => event({ properties: { n } }));
    const error = await rejection(() => sandbox.processEventBatch(events, connector.meta));
    expect(error).toBeInstanceOf(SandboxLimitError);
    expect(error).toMatchObject({ limit: "cpu", hook: "processEvent" });
    // Chunks of 100 events, three queued at once: only the first one's event 0 hashed, before the deadline.
    expect((await hashed()).filter((n) => n !== 0)).toEqual([]);
  }, 120_000);
});

describe("batch chunks and the batch's deadline", () => {
  // Chunks of 100 events, three queued at once, each entered with the time left when it was queued; a
  // chunk starts only when the one before it ends, so the third one (event 200 first) always starts late.
  it("does not run a chunk that starts after the batch's deadline, even one that makes no host call", async () => {
    const connector = await sandboxedConnector("globalThis.ran = []; exports.processEvent = (e) => { if (e.properties.report) return { ...e, properties: { ran: globalThis.ran } }; globalThis.ran.push(e.properties.n); for (;;) {} }", {}, { sandbox: { cpuTimeoutMs: 500 } });
    const sandbox = getConnectorSandbox(connector.plugin)!;
    const events = Array.from({ length: 400 }, (_, n) => event({ properties: { n } }));
    expect(await rejection(() => sandbox.processEventBatch(events, connector.meta))).toMatchObject({ limit: "cpu", hook: "processEvent" });
    const { ran } = ((await connector.processEvent(event({ properties: { report: true } }))) as unknown as { properties: { ran: number[] } }).properties;
    expect(ran).toContain(0);
    expect(ran).not.toContain(200);
  }, 120_000);
});
