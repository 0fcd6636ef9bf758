import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jestPreset } from "./define-jest-project.ts";
import { JEST_DEFAULT_TEST_MATCH, configForFile, readJestConfig } from "./read-jest-config.ts";

function packageDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "jest-config-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe("jest configs of jest-era packages", () => {
  it("reads jest.config.js (CommonJS even in a type:module tree): globals, setup files with <rootDir>, testMatch, testTimeout", () => {
    const dir = packageDir({
      "package.json": '{"type":"module"}',
      "jest.config.js": "module.exports = { globals: { A: 1 }, setupFiles: ['./a.js'], setupFilesAfterEnv: ['<rootDir>/b.js'], testMatch: ['**/*.spec.js'], testTimeout: 9000 }",
    });
    expect(readJestConfig(dir)).toEqual({ dir, globals: { A: 1 }, setupFiles: [join(dir, "a.js"), join(dir, "b.js")], testMatch: ["**/*.spec.js"], testTimeout: 9000, moduleNameMapper: [] });
  });

  it("reads package.json \"jest\", defaults testMatch to jest's, and finds the nearest config of a file", () => {
    const dir = packageDir({ "package.json": '{"jest":{"globals":{"B":true}}}', "sub/jest.config.json": '{"testMatch":["t/*.js"]}' });
    const root = readJestConfig(dir)!;
    const sub = readJestConfig(join(dir, "sub"))!;
    expect(root.testMatch).toEqual(JEST_DEFAULT_TEST_MATCH);
    expect(configForFile([root, sub], join(dir, "sub/t/x.js"))).toBe(sub);
    expect(configForFile([root, sub], join(dir, "other/x.js"))).toBe(root);
    expect(readJestConfig(join(dir, "sub", "t"))).toBeUndefined();
  });

  it("builds a Vitest project: each package's testMatch under its directory, its configs provided to the setup", () => {
    const dir = packageDir({ "connectors/a/jest.config.js": "module.exports = { testMatch: ['**/__tests__/**/*.js'], testTimeout: 7000 }", "connectors/b/index.js": "" });
    const preset = jestPreset(dir);
    expect(preset.test.include).toEqual(["connectors/a/**/__tests__/**/*.js"]);
    expect(preset.test.testTimeout).toBe(7000);
    expect(preset.test.provide.jestConfigs.map((c) => c.dir)).toEqual([join(dir, "connectors/a")]);
    expect(jestPreset(join(dir, "connectors/b")).test.include).toEqual(JEST_DEFAULT_TEST_MATCH);
  });
});
