import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliForTest } from "./run-cli-for-test.ts";

const SECRET = "cl1-s3cr3t/Tok+en=77aa";
const FORMS = [SECRET, encodeURIComponent(SECRET), JSON.stringify(SECRET).slice(1, -1), Buffer.from(`user:${SECRET}`).toString("base64")];

function connectorDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "connector-secrets-"));
  writeFileSync(
    join(dir, "plugin.json"),
    JSON.stringify({ name: "Secrets", allowedHosts: ["api.example.com"], config: [{ key: "token", type: "string", secret: true, required: true }] }),
  );
  writeFileSync(
    join(dir, "index.js"),
    `exports.metrics = { sent: "sum" };
exports.jobs = { later: async () => {} };
exports.processEvent = async (event, meta) => {
  const s = meta.config.token;
  console.log("raw", s, "basic", "Basic " + Buffer.from("user:" + s).toString("base64"));
  await meta.fetch("https://api.example.com/x?key=" + encodeURIComponent(s), { method: "POST", headers: { "x-echo": s }, body: JSON.stringify({ s }) });
  await meta.fetch("https://denied.example.net/" + s).catch((e) => console.log(e.message));
  await meta.posthog.capture("evt-" + s, { s });
  await meta.jobs.later({ s }).runIn(1, "hour");
  try { meta.metrics[s].increment(1) } catch (e) { console.log(e.message) }
  if (event.event === "fail") throw new Error("failed with " + s, { cause: new Error("inner " + s) });
  return { ...event, properties: { ...event.properties, echoed: s } };
};
`,
  );
  return dir;
}

function expectNoSecret(output: string): void {
  for (const form of FORMS) expect(output.includes(form), `output holds ${form}`).toBe(false);
}

const responses = JSON.stringify([{ method: "POST", url: "https://api.example.com/x*", status: 200, json: { echoed: SECRET } }]);

describe("connectors run never prints a secret config value", () => {
  const config = JSON.stringify({ token: SECRET });
  const failing = JSON.stringify({ event: "fail", distinct_id: "u1", team_id: 2, properties: {} });

  it.each([
    ["sandbox, --json", ["--json"]],
    ["sandbox, text", []],
    ["in-process (--trust), --json", ["--trust", "--json"]],
    ["in-process (--trust), text", ["--trust"]],
  ])("on success (%s): result, logs, requests, captured, pending jobs, metrics", async (_mode, flags) => {
    const { code, stdout, stderr } = await runCliForTest(process.cwd(), "run", connectorDir(), "--config", config, "--responses", responses, ...flags);
    expect(code).toBe(0);
    expect(stdout + stderr).toContain("[REDACTED]");
    expectNoSecret(stdout + stderr);
  });

  it.each([
    ["sandbox, --json", ["--json"]],
    ["sandbox, --debug", ["--debug"]],
    ["in-process (--trust), --json", ["--trust", "--json"]],
    ["in-process (--trust), --debug", ["--trust", "--debug"]],
  ])("on failure (%s): the error, its location and the debug stack", async (_mode, flags) => {
    const { code, stdout, stderr } = await runCliForTest(process.cwd(), "run", connectorDir(), "--config", config, "--responses", responses, "--event", failing, ...flags);
    expect(code).toBe(1);
    expect(stdout + stderr).toContain("failed with [REDACTED]");
    expectNoSecret(stdout + stderr);
  });

  it("for a job named by the secret (unknown job)", async () => {
    const { stdout, stderr } = await runCliForTest(process.cwd(), "run", connectorDir(), "--config", config, "--hook", `job:${SECRET}`, "--json");
    expect(stdout + stderr).toContain("[REDACTED]");
    expectNoSecret(stdout + stderr);
  });
});
