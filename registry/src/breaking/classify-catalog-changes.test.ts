import { buildConfigSchema, type ConfigEntry } from "@connectors/plugin-api";
import type { CatalogEntry } from "@connectors/registry-client";
import { describe, expect, it } from "vitest";
import { changeReportIssues, classifyCatalogChanges } from "./classify-catalog-changes.ts";
import { classifyConfigChanges } from "@connectors/registry-client";

const apiKey: ConfigEntry = { key: "apiKey", name: "API key", type: "string", required: true, secret: true };
const region: ConfigEntry = { key: "region", name: "Region", type: "choice", choices: ["us", "eu"], default: "us" };
const schema = (...config: ConfigEntry[]) => buildConfigSchema({ config });

function entry(version: string, config: ConfigEntry[], overrides: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    slug: "acme",
    packageName: "posthog-acme-plugin",
    version,
    name: "Acme",
    type: "destination",
    status: "stable",
    supportLevel: "official",
    categories: [],
    capabilities: { methods: ["onEvent", "setupPlugin"], scheduledTasks: [], jobs: [] },
    configSchema: buildConfigSchema({ config }),
    allowedHosts: ["api.acme.com"],
    bundle: { url: "b", path: "b", integrity: `sha256-${version}`, size: 1 },
    approval: { approvedBy: "a", approvedAt: "2026-01-01T00:00:00Z" },
    ...overrides,
  };
}

describe("classifyConfigChanges", () => {
  it.each<[string, ConfigEntry[], ConfigEntry[], string[]]>([
    ["a removed key", [apiKey, region], [apiKey], ["config-removed:region:major"]],
    ["a renamed key", [apiKey, region], [apiKey, { ...region, key: "dataRegion" }], ["config-renamed:region:major"]],
    ["a new required field", [apiKey], [apiKey, { key: "host", type: "string", required: true }], ["config-required-added:host:major"]],
    ["a new conditionally required field", [apiKey], [apiKey, { key: "host", type: "string", required_if: [["apiKey"]] }], ["config-required-added:host:major"]],
    ["a field that became required", [apiKey, region], [apiKey, { ...region, required: true }], ["config-became-required:region:major", "config-choices-removed:region:major"]],
    ["a changed type", [apiKey, region], [apiKey, { key: "region", name: "Region", type: "json", default: "us" }], ["config-type-changed:region:major"]],
    ["a removed choice", [region], [{ ...region, choices: ["us"] }], ["config-choices-removed:region:major"]],
    ["a new choice", [region], [{ ...region, choices: ["us", "eu", "ap"] }], ["config-choices-added:region:minor"]],
    ["a new optional field", [apiKey], [apiKey, region], ["config-added:region:minor"]],
    ["a changed default", [region], [{ ...region, default: "eu" }], ["config-default-changed:region:minor"]],
    ["nothing", [apiKey, region], [region, apiKey], []],
  ])("classifies %s", (_name, before, after, expected) => {
    expect(classifyConfigChanges(schema(...before), schema(...after)).map((c) => `${c.kind}:${c.key}:${c.impact}`)).toEqual(expected);
  });
});

describe("classifyCatalogChanges", () => {
  it.each<[string, CatalogEntry, CatalogEntry, { requiredBump: string; actualBump: string; ok: boolean }]>([
    ["a breaking change with a major bump", entry("1.2.0", [apiKey, region]), entry("2.0.0", [apiKey]), { requiredBump: "major", actualBump: "major", ok: true }],
    ["a breaking change with a minor bump", entry("1.2.0", [apiKey, region]), entry("1.3.0", [apiKey]), { requiredBump: "major", actualBump: "minor", ok: false }],
    ["a breaking change before 1.0 with a minor bump", entry("0.2.0", [apiKey, region]), entry("0.3.0", [apiKey]), { requiredBump: "minor", actualBump: "minor", ok: true }],
    ["a feature with a patch bump", entry("1.2.0", [apiKey]), entry("1.2.1", [apiKey, region]), { requiredBump: "minor", actualBump: "patch", ok: false }],
    ["a removed capability", entry("1.0.0", [apiKey]), entry("1.1.0", [apiKey], { capabilities: { methods: ["onEvent"], scheduledTasks: [], jobs: [] } }), { requiredBump: "major", actualBump: "minor", ok: false }],
    ["a new allowed host", entry("1.0.0", [apiKey]), entry("1.1.0", [apiKey], { allowedHosts: ["api.acme.com", "eu.acme.com"] }), { requiredBump: "minor", actualBump: "minor", ok: true }],
    ["changed code without a bump", entry("1.0.0", [apiKey]), entry("1.0.0", [apiKey], { bundle: { url: "b", path: "b", integrity: "sha256-other", size: 1 } }), { requiredBump: "patch", actualBump: "none", ok: false }],
    ["a downgrade", entry("1.0.0", [apiKey]), entry("0.9.0", [apiKey]), { requiredBump: "patch", actualBump: "downgrade", ok: false }],
  ])("%s", (_name, before, after, expected) => {
    const [report] = classifyCatalogChanges({ connectors: [before] }, { connectors: [after] });
    expect(report).toMatchObject(expected);
  });

  it("reports added and removed connectors, and renders issues for bumps that are too small", () => {
    const other = { ...entry("1.0.0", []), slug: "other" };
    const reports = classifyCatalogChanges({ connectors: [entry("1.0.0", [apiKey, region]), other] }, { connectors: [entry("1.0.1", [apiKey]), { ...other, slug: "zeta" }] });
    expect(reports.map((r) => `${r.slug}:${r.status}`)).toEqual(["acme:changed", "other:removed", "zeta:added"]);
    expect(changeReportIssues(reports)).toEqual([
      expect.objectContaining({ path: "/connectors/acme", severity: "error", message: expect.stringContaining('1.0.0 → 1.0.1 is a patch bump, but the changes need a major bump (config "region" was removed') }),
    ]);
  });
});
