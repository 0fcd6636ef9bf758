import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliForTest } from "./run-cli-for-test.ts";

const ROOT = join(import.meta.dirname, "../../..");
function tempConnector(index: string): string {
  const dir = mkdtempSync(join(tmpdir(), "run-hooks-"));
  writeFileSync(join(dir, "plugin.json"), JSON.stringify({ name: "Hooks" }));
  writeFileSync(join(dir, "index.js"), index);
  return dir;
}

const PROCESS_AND_JOB = `exports.processEvent = (e) => e; exports.jobs = { resend: () => console.log("resent") }`;

describe("connectors run --hook resolves only the connector's own hooks and jobs", () => {
  it.each(["constructor", "toString", "__proto__", "valueOf", "job:constructor", "job:toString", "job:__proto__"])("refuses %s, listing the real hooks and jobs", async (name) => {
    const dir = tempConnector(PROCESS_AND_JOB);
    const { code, json } = await runCliForTest(ROOT, "run", dir, "--hook", name, "--json");
    expect(code).toBe(1);
    expect(json).toMatchObject({ ok: false, error: { name: "UsageError" } });
    expect(json.error.message).toContain(name.startsWith("job:") ? `has no job "${name.slice(4)}"` : `unknown hook "${name}"`);
    expect(json.error.message).toContain("it has hooks: processEvent; jobs: job:resend");
    expect(json.logs).toEqual([]);
  });

  it("exits 1 naming the hooks it has when asked for a hook it does not export", async () => {
    const dir = tempConnector(PROCESS_AND_JOB);
    const { code, stdout, stderr } = await runCliForTest(ROOT, "run", dir, "--hook", "onEvent");
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`error: connector "${basename(dir)}" does not export onEvent; it has hooks: processEvent; jobs: job:resend. Fix: pass --hook with one of them (jobs as job:<name>).\n`);
  });

  it("takes onEvent for a connector with only exportEvents: PostHog fed every event into its export buffer", async () => {
    const dir = tempConnector(`exports.exportEvents = (events) => { console.log("exported " + events.length) }`);
    const { code, json } = await runCliForTest(ROOT, "run", dir, "--hook", "onEvent", "--json");
    expect(code).toBe(0);
    expect(json).toMatchObject({ ok: true, hook: "onEvent", logs: [{ message: "exported 1" }] });
  });

  it("runs exportEvents itself when no --hook is given to a connector with only exportEvents", async () => {
    const dir = tempConnector(`exports.exportEvents = (events) => { console.log("exported " + events.length) }`);
    const { code, json } = await runCliForTest(ROOT, "run", dir, "--json");
    expect(code).toBe(0);
    expect(json).toMatchObject({ ok: true, hook: "exportEvents", logs: [{ message: "exported 1" }] });
  });

  it("exits 1 listing the jobs for an unknown job", async () => {
    const dir = tempConnector(PROCESS_AND_JOB);
    const { code, stderr } = await runCliForTest(ROOT, "run", dir, "--hook", "job:nope");
    expect(code).toBe(1);
    expect(stderr).toMatch(/has no job "nope"; it has hooks: processEvent; jobs: job:resend/);
  });

  it("runs a job the connector does export", async () => {
    const dir = tempConnector(PROCESS_AND_JOB);
    const { code, json } = await runCliForTest(ROOT, "run", dir, "--hook", "job:resend", "--json");
    expect(code).toBe(0);
    expect(json).toMatchObject({ ok: true, hook: "job:resend", logs: [{ message: "resent" }] });
  });

  it.each([["in-process", []], ["in the sandbox", ["--sandbox"]]])("exits 1 with the job's error when the job it runs fails (%s)", async (_where, flags) => {
    const dir = tempConnector(`exports.processEvent = (e) => e; exports.jobs = { resend: () => { throw new Error("mail server down") } }`);
    const { code, json } = await runCliForTest(ROOT, "run", dir, "--hook", "job:resend", ...flags, "--json");
    expect(code).toBe(1);
    expect(json).toMatchObject({ ok: false, hook: "job:resend", error: { code: "JOB_FAILED" } });
    expect(json.error.message).toMatch(/hook job resend failed: Error: mail server down/);
  });

  it.each(["0", "-5", "1.5", "soon"])("refuses --timeout %s with the expected form", async (value) => {
    const dir = tempConnector(PROCESS_AND_JOB);
    const { code, json } = await runCliForTest(ROOT, "run", dir, `--timeout=${value}`, "--json");
    expect(code).toBe(1);
    expect(json.error.message).toBe(`--timeout takes a whole number of milliseconds above 0, like --timeout 5000 (got "${value}")`);
  });
});
