import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { FetchInterceptor } from "./fetch/fetch-interceptor.ts";
import { rejection, sandboxedConnector } from "./sandbox/sandbox-test-support.ts";
import { event } from "./test-support/temp-connector.ts";

const SECRET = "s3cr3t/Tok+en=9f8e7d6c";

/** Every form of the secret that would give it away. */
const FORMS = [SECRET, encodeURIComponent(SECRET), JSON.stringify(SECRET).slice(1, -1), Buffer.from(`user:${SECRET}`).toString("base64"), Buffer.from(SECRET).toString("base64")];

const MANIFEST = {
  allowedHosts: ["api.example.com"],
  config: [
    { key: "token", type: "string", secret: true, required: true },
    { key: "name", type: "string" },
  ],
};

// The connector pushes its secret into every channel the harness reports.
const CODE = `
exports.metrics = { sent: "sum" };
exports.jobs = { later: async () => {} };
exports.processEvent = async (event, meta) => {
  const s = meta.config.token;
  console.log("raw", s);
  meta.logger.info({ nested: { token: s } });
  console.warn("encoded", encodeURIComponent(s), "basic", "Basic " + Buffer.from("user:" + s).toString("base64"), "b64", Buffer.from(s).toString("base64"));
  await meta.fetch("https://api.example.com/x?key=" + encodeURIComponent(s), { method: "POST", headers: { authorization: "Bearer " + s, "x-echo": s }, body: JSON.stringify({ s }) });
  await meta.fetch("https://denied.example.net/" + encodeURIComponent(s)).catch((e) => console.log("denied:", e.message));
  await meta.fetch("https://api.example.com/unmocked/" + s).catch((e) => console.log("unexpected:", e.message));
  await meta.posthog.capture("evt-" + s, { s, nested: [s] });
  await meta.jobs.later({ s }).runIn(1, "hour");
  try { meta.metrics[s].increment(1) } catch (e) { console.log("metric:", e.message) }
  if (event.event === "fail") {
    const error = new Error("failed with " + s, { cause: new Error("inner " + s) });
    error.url = "https://api.example.com/?key=" + encodeURIComponent(s);
    throw error;
  }
  if (event.event === "throw-value") throw { token: s };
  return event;
};
`;

function expectNoSecret(channel: string, text: string): void {
  for (const form of FORMS) expect(text.includes(form), `${channel} holds ${form}`).toBe(false);
}

describe.each(["bundle", "sandbox"] as const)("secrets in every output channel (%s mode)", (mode) => {
  async function connector() {
    const mocks = new FetchInterceptor().on("POST", "https://api.example.com/x*", { json: { echoed: SECRET } });
    return sandboxedConnector(CODE, { config: { token: SECRET, name: "x" }, fetch: mocks }, { manifest: MANIFEST, mode, sandbox: { memoryLimitMb: 64 } });
  }

  it("keeps the secret out of logs, requests, captured events, pending jobs, metrics and errors", async () => {
    const c = await connector();
    await c.processEvent(event());
    await c.runJob(SECRET, { s: SECRET });
    const channels = {
      logs: c.logs,
      requests: c.requests,
      captured: c.captured,
      pendingJobs: c.pendingJobs,
      metrics: c.metrics.values,
      errors: c.errors,
    };
    expect(c.logs.length).toBeGreaterThanOrEqual(6);
    expect(c.requests.map((r) => r.via)).toEqual(["mock", "denied", "unexpected"]);
    expect(c.captured).toHaveLength(1);
    expect(c.pendingJobs).toHaveLength(1);
    expect(c.errors).toHaveLength(1);
    for (const [channel, value] of Object.entries(channels)) expectNoSecret(channel, JSON.stringify(value));
    expect(JSON.stringify(channels)).toContain("[REDACTED]");
    // the queue itself keeps the real payload: the job must run with it
    expect(c.jobs.pending[0]?.payload).toEqual({ s: SECRET });
  });

  it.each([
    ["an Error with a cause", "fail"],
    ["a thrown value", "throw-value"],
  ])("keeps the secret out of %s: message, stack, cause chain, code frame and fields", async (_what, name) => {
    const c = await connector();
    const error = await rejection(() => c.processEvent(event({ event: name })));
    expect(error.message).toContain("[REDACTED]");
    expectNoSecret("error.message", error.message);
    expectNoSecret("error.stack", String(error.stack));
    expectNoSecret("inspect(error)", inspect(error, { depth: 20 }));
    expectNoSecret("codeFrame", String(error.codeFrame ?? ""));
    expectNoSecret("logs", JSON.stringify(c.logs));
  });
});
