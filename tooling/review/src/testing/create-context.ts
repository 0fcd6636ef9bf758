import { validateManifest } from "@connectors/plugin-api";
import { parseSource } from "../ast/parse-source.ts";
import type { ConnectorContext } from "../types.ts";

/**
 * Builds a connector context in memory from `plugins/<slug>/`-relative files, for rule tests that
 * need no git repository. plugin.json and package.json get minimal valid defaults.
 */
export function createContext(slug: string, files: Record<string, string>, overrides: Partial<ConnectorContext> = {}): ConnectorContext {
  const dir = `plugins/${slug}`;
  const all: Record<string, string> = {
    "plugin.json": JSON.stringify({ name: slug, main: "index.ts", allowedHosts: [], config: [] }, null, 2),
    "package.json": JSON.stringify({ name: `posthog-${slug}-plugin`, version: "0.1.0", description: "x", license: "MIT", author: "me" }, null, 2),
    ...files,
  };
  const manifestRaw = JSON.parse(all["plugin.json"]!);
  const result = validateManifest(manifestRaw);
  return {
    slug,
    dir,
    status: "unchanged",
    files: Object.entries(all).map(([name, text]) => ({ file: `${dir}/${name}`, size: text.length, binary: false, tooLarge: false, text })),
    sources: Object.entries(all).filter(([name]) => /\.[cm]?[jt]s$/.test(name)).map(([name, text]) => parseSource(`${dir}/${name}`, text)),
    manifestText: all["plugin.json"],
    manifestRaw,
    manifest: result.ok ? result.value : undefined,
    packageJson: JSON.parse(all["package.json"]!),
    changedFiles: [],
    addedLines: [],
    changesets: [],
    installedDependencies: {},
    refusedFiles: [],
    workspacePackages: ["@posthog/plugin-scaffold", "@connectors/testkit", "@connectors/connector-kit"],
    acknowledgedCapabilities: [],
    origin: "repository",
    ...overrides,
  };
}
