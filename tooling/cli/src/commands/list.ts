import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defaultInstallDir, findWorkspaceRoot } from "@connectors/harness";
import type { Command } from "../command.ts";
import { UsageError } from "../read-input.ts";

/** One connector of the workspace, as the list shows it. */
export interface ConnectorSummary {
  slug: string;
  name: string;
  kind: string;
  description: string;
}

const KIND_OF_HOOK: Array<[RegExp, string]> = [
  [/export\s+(async\s+)?(function|const)\s+(processEvent|processEventBatch)\b/, "transformation"],
  [/export\s+(async\s+)?(function|const)\s+(onEvent|exportEvents|composeWebhook)\b/, "destination"],
  [/export\s+(async\s+)?(function|const)\s+runEvery(Minute|Hour|Day)\b/, "scheduled"],
];

function kindOf(dir: string): string {
  const entry = ["index.ts", "index.js"].map((f) => join(dir, f)).find((f) => existsSync(f));
  const code = entry ? readFileSync(entry, "utf8") : "";
  return KIND_OF_HOOK.filter(([pattern]) => pattern.test(code)).map(([, kind]) => kind).join(", ") || "other";
}

/** Every connector under plugins/, sorted by slug, with its display name, kind and description. */
export function listConnectors(root: string): ConnectorSummary[] {
  const plugins = join(root, "plugins");
  return readdirSync(plugins, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(plugins, d.name, "plugin.json")))
    .map((d) => {
      const manifest = JSON.parse(readFileSync(join(plugins, d.name, "plugin.json"), "utf8")) as { name?: string; description?: string };
      return { slug: d.name, name: manifest.name ?? d.name, kind: kindOf(join(plugins, d.name)), description: (manifest.description ?? "").replace(/\s+/g, " ").trim() };
    })
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

/** The Markdown table of connectors the root README carries between its `connectors:list` markers. */
export function renderConnectorTable(connectors: readonly ConnectorSummary[]): string {
  const escape = (text: string) => text.replaceAll("|", "\\|");
  const rows = connectors.map((c) => `| [${c.slug}](plugins/${c.slug}) | ${escape(c.name)} | ${c.kind} | ${escape(c.description)} |`);
  return ["| slug | name | kind | what it does |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** One connector installed with `connectors install`. */
export interface InstalledSummary {
  slug: string;
  name: string;
  /** The source it was installed from, as given (tokens masked). */
  source: string;
  dir: string;
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Every connector under the install folder (default `<workspace>/.connectors/installed`), sorted by slug. */
export function listInstalledConnectors(into: string): InstalledSummary[] {
  if (!existsSync(into)) return [];
  return readdirSync(into, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith(".") && existsSync(join(into, d.name, "plugin.json")))
    .map((d) => {
      const dir = join(into, d.name);
      const name = readJson(join(dir, "plugin.json"))?.name;
      const source = readJson(join(dir, ".install.json"))?.source;
      return { slug: d.name, name: typeof name === "string" ? name : d.name, source: typeof source === "string" ? source : "unknown", dir };
    })
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

function printInstalled(values: Record<string, unknown>, cwd: string, io: { stdout(text: string): void }): void {
  const into = typeof values.into === "string" ? values.into : defaultInstallDir(cwd);
  const installed = listInstalledConnectors(into);
  if (values.json) io.stdout(`${JSON.stringify(installed, null, 2)}\n`);
  else if (installed.length === 0) io.stdout(`no connectors installed in ${into} (install one with: connectors install <source>)\n`);
  else for (const c of installed) io.stdout(`${c.slug.padEnd(28)} ${c.name.padEnd(26)} ${c.source}\n`);
}

const START = "<!-- connectors:list -->";
const END = "<!-- /connectors:list -->";

/** Rewrites the connector table between the README's `connectors:list` markers (when the README has them). */
export function updateReadmeConnectorTable(root: string): void {
  const file = join(root, "README.md");
  if (!existsSync(file)) return;
  const readme = readFileSync(file, "utf8");
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return;
  writeFileSync(file, `${readme.slice(0, start + START.length)}\n${renderConnectorTable(listConnectors(root))}\n${readme.slice(end)}`);
}

export const listCommand: Command = {
  name: "list",
  summary: "List the workspace's connectors (--installed: the ones installed with connectors install; --markdown prints the README table)",
  usage: "connectors list [--json | --markdown | --update-readme]\n       connectors list --installed [--into DIR] [--json]",
  options: { json: { type: "boolean" }, markdown: { type: "boolean" }, "update-readme": { type: "boolean" }, installed: { type: "boolean" }, into: { type: "string" } },
  async run(args, io) {
    if (args.values.installed) {
      printInstalled(args.values, io.cwd, io);
      return 0;
    }
    const root = findWorkspaceRoot(io.cwd);
    if (!root) throw new UsageError("run connectors list inside the connectors workspace");
    const connectors = listConnectors(root);
    if (args.values["update-readme"]) {
      updateReadmeConnectorTable(root);
      io.stdout(`README.md lists ${connectors.length} connectors\n`);
    } else if (args.values.json) io.stdout(`${JSON.stringify(connectors, null, 2)}\n`);
    else if (args.values.markdown) io.stdout(`${renderConnectorTable(connectors)}\n`);
    else for (const c of connectors) io.stdout(`${c.slug.padEnd(28)} ${c.kind.padEnd(26)} ${c.name}\n`);
    return 0;
  },
};
