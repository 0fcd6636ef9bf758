import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Directories under `<root>/plugins` that hold a plugin.json, sorted by slug. */
export function listWorkspaceConnectors(root: string): string[] {
  const plugins = join(root, "plugins");
  if (!existsSync(plugins)) return [];
  return readdirSync(plugins, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(plugins, entry.name, "plugin.json")))
    .map((entry) => join(plugins, entry.name))
    .sort();
}
