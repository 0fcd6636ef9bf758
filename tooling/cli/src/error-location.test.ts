import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliForTest } from "./run-cli-for-test.ts";

const ROOT = join(import.meta.dirname, "../../..");

const cli = (...argv: string[]) => runCliForTest(ROOT, ...argv);

function writePackage(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "located-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const failing = writePackage({
  "plugin.json": JSON.stringify({ name: "Failing", main: "index.ts", config: [{ key: "apiKey", type: "string", secret: true, default: "" }] }),
  "index.ts": "import { check } from './lib/check.ts'\n\nexport function processEvent(event: any, { config }: any) {\n  return check(event, config.apiKey)\n}\n",
  "lib/check.ts": "export function check(event: any, key: string) {\n  if (!event.properties.plan) {\n    throw new Error(`no plan for ${key}`)\n  }\n  return event\n}\n",
});

describe.each([[[]], [["--sandbox"]]])("errors thrown by connector code (%j)", (extra: string[]) => {
  it("prints the connector file:line:column and a code frame, never the secret", async () => {
    const { code, stderr } = await cli("run", failing, "--config", '{"apiKey":"sk-live-123456"}', ...extra);
    expect(code).toBe(1);
    expect(stderr).toContain("hook processEvent failed: Error: no plan for");
    expect(stderr).toContain("    at check (lib/check.ts:3:11)");
    expect(stderr).toMatch(/\n {2}> 3 \| {5}throw new Error\(`no plan for \$\{key\}`\)\n {6}\| {11}\^\n/);
    expect(stderr).not.toContain("sk-live-123456");
  });

  it("--json carries error.location and the connector frames", async () => {
    const { code, stdout } = await cli("run", failing, "--config", '{"apiKey":"sk-live-123456"}', "--json", ...extra);
    expect(code).toBe(1);
    const { error } = JSON.parse(stdout) as { error: { location: object; stack: Array<{ file: string; line: number }> } };
    expect(error.location).toEqual({ file: "lib/check.ts", line: 3, column: 11, function: "check" });
    expect(error.stack.map((frame) => `${frame.file}:${frame.line}`)).toEqual(["lib/check.ts:3", "index.ts:4"]);
    expect(stdout).not.toContain("sk-live-123456");
  });
});

describe("errors of a workspace connector", () => {
  it("name the file by its workspace path (plugins/<slug>/...)", async () => {
    const { code, stdout } = await cli("run", "filter-out", "--hook", "setupPlugin", "--json");
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error.location).toMatchObject({ file: "plugins/filter-out/index.ts", line: 10 });
  });
});
