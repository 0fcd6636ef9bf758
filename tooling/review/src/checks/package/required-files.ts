import type { ConnectorContext, Finding } from "../../types.ts";

/** Checks the files every connector ships: entry, plugin.json, package.json, tests, README, CHANGELOG. */
export function checkRequiredFiles(ctx: ConnectorContext): Finding[] {
  const has = (name: string) => ctx.files.some((file) => file.file === `${ctx.dir}/${name}`);
  const entry = ctx.manifest?.main ?? (has("index.js") ? "index.js" : "index.ts");
  const missing = (name: string, severity: "error" | "warning", fix: string): Finding => ({ rule: "package/required-files", category: "package", severity, file: `${ctx.dir}/${name}`, message: `${name} is missing`, fix });
  const found: Finding[] = [];
  if (!has("plugin.json")) found.push(missing("plugin.json", "error", "add a plugin.json (copy plugins/hello-world/plugin.json)"));
  if (!has(entry)) found.push(missing(entry, "error", `add ${entry} with the connector's hooks`));
  if (!has("package.json")) found.push(missing("package.json", "error", "add a package.json (copy plugins/hello-world/package.json)"));
  if (!ctx.sources.some((source) => /\.test\.[cm]?[jt]s$/.test(source.file))) found.push(missing("index.test.ts", "error", "add tests through @connectors/testkit (`createTestConnector`)"));
  if (!has("README.md")) found.push(missing("README.md", "warning", "add a README with the standard sections (copy plugins/hello-world/README.md)"));
  if (!has("CHANGELOG.md")) found.push(missing("CHANGELOG.md", "warning", "add a CHANGELOG.md holding the package name as its title; changesets writes the rest"));
  return found;
}
