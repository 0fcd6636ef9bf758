import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findWorkspaceRoot } from "@connectors/harness";
import { describe, expect, it } from "vitest";
import { publishedToolkit } from "./pack-toolkit.ts";

const ROOT = findWorkspaceRoot(import.meta.dirname)!;

describe("publishedToolkit", () => {
  it("is every tooling package that is not private, the CLI and what it installs among them", () => {
    const toolkit = publishedToolkit(ROOT);
    expect(toolkit).toEqual(expect.arrayContaining(["tooling/cli", "tooling/harness", "tooling/plugin-api", "tooling/plugin-scaffold", "tooling/testkit"]));
    for (const path of toolkit) expect(JSON.parse(readFileSync(join(ROOT, path, "package.json"), "utf8")).private, path).toBeUndefined();
    expect(toolkit).not.toContain("tooling/standalone-check");
    expect(toolkit).not.toContain("tooling/connector-kit");
  });
});
