import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runConformance } from "./run-conformance.ts";

function connector(files: Record<string, string | object>): string {
  const dir = mkdtempSync(join(tmpdir(), "conformance-"));
  mkdirSync(join(dir, "fixtures"));
  for (const [name, contents] of Object.entries(files)) writeFileSync(join(dir, name), typeof contents === "string" ? contents : JSON.stringify(contents));
  return dir;
}

const pageview = { event: "$pageview", distinct_id: "u1", team_id: 2, uuid: "00000000-0000-4000-8000-00000000000a", properties: { $current_url: "https://example.com" } };

function failed(report: Awaited<ReturnType<typeof runConformance>>): string[] {
  return report.checks.filter((c) => !c.ok).map((c) => c.name);
}

describe("runConformance", () => {
  it("passes a well-behaved connector", async () => {
    const dir = connector({ "plugin.json": { name: "Good", config: [{ key: "name", type: "string", required: true }] }, "index.ts": "export function processEvent(e: any, { config }: any) { e.properties.who = config.name; return e }", "fixtures/pageview.json": pageview });
    const report = await runConformance(dir);
    expect(failed(report)).toEqual([]);
    expect(report.checks.map((c) => c.name)).toContain("results are identical in every mode (bundle, import, sandbox)");
    expect(report.checks.map((c) => c.name)).toContain("processEvent gives the same events in sandbox batches as in single calls");
  });

  it.each([
    ["an invalid-warning manifest", { "plugin.json": { name: "W", colour: "red" } }, "manifest is valid, without warnings"],
    ["an unknown export", { "index.ts": "export function processEvent(e: any) { return e }\nexport const schedule = {}" }, "exports only hooks the contract knows"],
    ["a hook that hangs", { "index.ts": "export function processEvent() { return new Promise(() => {}) }" }, "fixture events run within 5000 ms (bundle)"],
    ["a secret in the logs", { "plugin.json": { name: "S", config: [{ key: "token", type: "string", secret: true, required: true }] }, "index.ts": "export function processEvent(e: any, { config, logger }: any) { logger.info('token', config.token); return e }" }, "no secret appears in the logs"],
    ["a connector relying on globals", { "index.ts": "declare const posthog: any\nexport function processEvent(e: any) { e.properties.kind = typeof posthog; return e }" }, "results are identical in every mode (bundle, import, sandbox)"],
    ["an event the batch path cannot carry (BigInt)", { "index.ts": "export function processEvent(e: any) { e.properties.big = BigInt(1); return e }" }, "processEvent gives the same events in sandbox batches as in single calls"],
  ])("fails %s", async (_what, files, check) => {
    const dir = connector({ "plugin.json": { name: "Bad" }, "index.ts": "export function processEvent(e: any) { return e }", "fixtures/pageview.json": pageview, ...files });
    expect(failed(await runConformance(dir))).toContain(check);
  }, 25_000);
});
