import { describe, expect, it } from "vitest";
import { labelConfigIssues } from "./label-config-issues.ts";

describe("labelConfigIssues", () => {
  it("names fields by their label and keeps the key to find the input", () => {
    const manifest = { name: "X", config: [{ key: "apiKey", name: "API key", type: "string" as const }, { key: "plain", type: "string" as const }] };
    const issues = labelConfigIssues(manifest, [
      { path: "/apiKey", message: "config.apiKey is required and must not be empty", severity: "error" },
      { path: "/plain", message: "config.plain must be a string", severity: "error" },
      { path: "", message: "config has unknown key config.apiKeyX", severity: "warning" },
    ]);
    expect(issues.map((i) => [i.field, i.message])).toEqual([
      ["apiKey", '"API key" is required and must not be empty'],
      ["plain", '"plain" must be a string'],
      ["", "config has unknown key config.apiKeyX"],
    ]);
  });
});
