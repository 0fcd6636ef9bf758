import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliForTest as cli } from "./run-cli-for-test.ts";

// Each run starts a sandbox process: the budget is the children's on a busy machine, nothing is timed.
const BUDGET = 120_000;

/** A connector outside the workspace (so untrusted: sandboxed, in a child process by default). */
function outsideConnector(code: string): string {
  const dir = mkdtempSync(join(tmpdir(), "run-child-"));
  writeFileSync(join(dir, "plugin.json"), JSON.stringify({ name: "Outside", config: [{ key: "name", type: "string", default: "world" }] }));
  writeFileSync(join(dir, "index.js"), code);
  return dir;
}

const GREETING = "exports.processEvent = (e, { config }) => ({ ...e, properties: { ...e.properties, hello: 'Hello ' + config.name } })\n";

describe("connectors run keeps an untrusted connector's isolate in a child process", () => {
  it(
    "reports a hard V8 out-of-memory in the connector as a clear error, and the CLI keeps running",
    async () => {
      const dir = outsideConnector("exports.processEvent = () => { const m = new Map(); let i = 0; while (true) m.set(i++, { i }) }\n");
      const { code, json } = await cli(dir, "run", ".", "--json");
      expect(code).toBe(1);
      expect(json.ok).toBe(false);
      expect(json.error).toMatchObject({ name: "SandboxProcessError" });
      expect(json.error.message).toMatch(/its sandbox process died \(signal SIGABRT, V8 reported it out of memory\)/);
      // The same CLI (this test's process) still runs connectors.
      const next = await cli(outsideConnector(GREETING), "run", ".", "--json");
      expect(next.code).toBe(0);
    },
    BUDGET,
  );

  it(
    "gives the same result in a child process and in this one; --process is checked",
    async () => {
      const dir = outsideConnector(GREETING);
      const child = await cli(dir, "run", ".", "--config", '{"name":"Ada"}', "--json");
      const here = await cli(dir, "run", ".", "--config", '{"name":"Ada"}', "--process", "in-process", "--json");
      expect(child.code).toBe(0);
      expect(child.json.result).toEqual(here.json.result);
      expect(child.json.result.properties.hello).toBe("Hello Ada");
      const wrong = await cli(dir, "run", ".", "--process", "elsewhere");
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain("--process must be child or in-process");
      const trusted = await cli(dir, "run", ".", "--trust", "--process", "child");
      expect(trusted.code).toBe(1);
      expect(trusted.stderr).toContain("add --sandbox");
    },
    BUDGET,
  );
});
