import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** An isolate whose heap fills with many small objects; run in a throwaway node process so only that process can die. */
const FILL_A_MAP = `
import ivm from "isolated-vm";
const isolate = new ivm.Isolate({ memoryLimit: 8 });
const context = isolate.createContextSync();
try { context.evalSync("const m = new Map(); let i = 0; while (true) m.set(i++, { i })", { timeout: 60000 }); } catch (error) { console.log("contained: " + error.message); }
`;

// The premise of SECURITY.md "What the sandbox promises": isolated-vm's memory limit is a guideline. When
// this test starts failing (the abort became a contained error), update that paragraph.
describe("isolated-vm memory limit (premise of the out-of-process pool)", () => {
  it("does not contain a heap filled with small objects: the whole process aborts", () => {
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", FILL_A_MAP], { cwd: import.meta.dirname, encoding: "utf8" });
    expect(run.stdout).not.toContain("contained");
    expect(run.signal).toBe("SIGABRT");
  });
});
