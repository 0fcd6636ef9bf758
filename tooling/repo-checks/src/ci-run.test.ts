import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** The `--flag` names in a command line (`--a=1` counts as `--a`). */
function flagNames(command: string): string[] {
  return command.split(/\s+/).filter((word) => word.startsWith("--")).map((word) => word.split("=")[0]!);
}

function repeated(names: string[]): string[] {
  return names.filter((name, index) => names.indexOf(name) !== index);
}

describe(".ci/run", () => {
  it("calls `pnpm test` with flags its script does not already pass (turbo refuses a flag given twice)", () => {
    const script = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.test!;
    const calls = readFileSync(path.join(ROOT, ".ci/run"), "utf8").split("\n").filter((line) => /^\s*pnpm test\b/.test(line));
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(repeated([...flagNames(script), ...flagNames(call.replace(/^\s*pnpm test/, ""))]), call).toEqual([]);
    }
  });

  it("finds a flag given twice", () => {
    expect(repeated(flagNames("turbo run test --continue --concurrency=3 --continue"))).toEqual(["--continue"]);
  });
});
