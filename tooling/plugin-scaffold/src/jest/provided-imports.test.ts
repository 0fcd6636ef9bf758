import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { providedImportPath } from "./provided-imports.ts";

const FIXTURES = fileURLToPath(new URL("../../fixtures/standalone/", import.meta.url));
const PRESET = fileURLToPath(new URL("./define-jest-project.ts", import.meta.url));
const VITEST = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");

describe("providedImportPath", () => {
  it("maps what the plugin server provided to this installation", () => {
    expect(providedImportPath("@posthog/plugin-scaffold")).toMatch(/plugin-scaffold\/src\/index\.ts$/);
    expect(providedImportPath("@posthog/plugin-scaffold/test/utils.js")).toMatch(/plugin-scaffold\/src\/test\/utils\.ts$/);
    expect(providedImportPath("@posthog/plugin-contrib")).toMatch(/contrib\/plugin-contrib\.ts$/);
    expect(providedImportPath("@jest/globals")).toMatch(/jest-globals\.ts$/);
    expect(providedImportPath("aws-sdk/clients/s3")).toMatch(/node_modules\/aws-sdk\/clients\/s3\.js$/);
    expect(providedImportPath("@google-cloud/bigquery")).toContain("node_modules/@google-cloud/bigquery/");
    expect(providedImportPath("pg")).toContain("node_modules/pg/");
  });

  it("leaves everything else to normal resolution", () => {
    for (const specifier of ["left-pad", "zlib", "node:crypto", "node-fetch", "./index", "aws-sdk-mock"]) expect(providedImportPath(specifier)).toBeUndefined();
  });
});

describe("jestPreset on connectors checked out alone (no node_modules)", () => {
  const root = mkdtempSync(join(tmpdir(), "standalone-suites-"));

  it("runs every package's suite: provided imports, @jest/globals, a jest.mock(aws-sdk) factory, plugin-contrib on fake timers, a sibling's jest.config with moduleNameMapper", async () => {
    cpSync(FIXTURES, root, { recursive: true });
    writeFileSync(join(root, "vitest.config.mjs"), `import { jestPreset } from ${JSON.stringify(PRESET)};\nexport default jestPreset(import.meta.dirname);\n`);
    const report = join(root, "report.json");
    await promisify(execFile)(process.execPath, [VITEST, "run", "--root", root, "--config", join(root, "vitest.config.mjs"), "--reporter=json", `--outputFile=${report}`], { cwd: root, timeout: 240_000 }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`the standalone suites failed:\n${error.stdout ?? ""}\n${error.stderr ?? ""}`);
    });
    const results = JSON.parse(readFileSync(report, "utf8")) as { testResults: Array<{ name: string; assertionResults: Array<{ title: string; status: string }> }> };
    const outcomes = results.testResults.flatMap((file) => file.assertionResults.map((test) => `${file.name.slice(root.length + 1)}: ${test.title}: ${test.status}`)).sort();
    expect(outcomes).toEqual([
      "bare/__tests__/index.js: @jest/globals gives the same jest and expect: passed",
      "bare/__tests__/index.js: a buffered event reaches S3 once the buffer times out: passed",
      "configured/index.spec.js: reads the jest.config globals and moduleNameMapper: passed",
    ]);
  }, 240_000); // a whole vitest run in a child process: on 2 busy cores it can take more than the default 20 s
});
