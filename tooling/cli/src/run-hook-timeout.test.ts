import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const BIN = join(import.meta.dirname, "../bin/connectors.mjs");
/** Runs the real `connectors` entry in a child process: only there does an empty event loop end the process. */
function spawnCli(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...argv], { cwd, env: { ...process.env, INIT_CWD: cwd } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe("connectors run with a hook that never settles", () => {
  it("ends in HookTimeoutError with exit 1 (not a silent exit 13)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "run-hang-"));
    writeFileSync(join(dir, "plugin.json"), JSON.stringify({ name: "Hang" }));
    writeFileSync(join(dir, "index.js"), "exports.processEvent = function processEvent() { return new Promise(() => {}) }\n");
    const { code, stdout, stderr } = await spawnCli(dir, "run", ".", "--timeout", "50", "--json");
    expect({ code, stderr }).toEqual({ code: 1, stderr: "" });
    const { ok, error } = JSON.parse(stdout);
    expect(ok).toBe(false);
    expect(error).toMatchObject({ name: "HookTimeoutError", code: expect.any(String) });
    expect(error.message).toMatch(/hook processEvent did not finish within 50 ms\. Fix: make every promise settle/);
  }, 120_000);

  it("says so in one line without --json", async () => {
    const dir = mkdtempSync(join(tmpdir(), "run-hang-"));
    writeFileSync(join(dir, "plugin.json"), JSON.stringify({ name: "Hang" }));
    writeFileSync(join(dir, "index.js"), "exports.onEvent = () => new Promise(() => {})\n");
    const { code, stderr } = await spawnCli(dir, "run", ".", "--hook", "onEvent", "--timeout", "50");
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: Connector "run-hang-\w+" hook onEvent did not finish within 50 ms\. Fix: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
