import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliForTest } from "./run-cli-for-test.ts";

const ROOT = join(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "run-dropped-"));


writeFileSync(join(dir, "plugin.json"), JSON.stringify({ name: "Flood" }));
writeFileSync(join(dir, "index.js"), "exports.onEvent = async (e, { posthog }) => { for (let i = 0; i < 1500; i++) await posthog.capture('flood', { i }) }");

describe("connectors run with more records than the harness keeps", () => {
  it("prints how many captured events were dropped and how to keep more", async () => {
    const { code, stdout } = await runCliForTest(ROOT, "run", dir, "--hook", "onEvent");
    expect(code).toBe(0);
    expect(stdout).toContain("captured 1000 event(s)");
    expect(stdout).toContain("note: 500 earlier captured events were dropped (the record keeps the last 1000 entries and 4194304 bytes; raise bufferLimits.maxRecordEntries (CONNECTORS_MAX_RECORD_ENTRIES)");
  });

  it("reports the dropped counts in --json", async () => {
    const { json } = await runCliForTest(ROOT, "run", dir, "--hook", "onEvent", "--json");
    expect(json).toMatchObject({ ok: true, dropped: { logs: 0, requests: 0, captured: 500, errors: 0, jobs: 0 } });
  });
});
