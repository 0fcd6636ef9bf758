import ts from "typescript";
import { configFields, HOOK_NAMES, SCHEDULED_TASKS, type PluginManifest } from "@connectors/plugin-api";
import type { ParsedSource } from "../types.ts";
import type { ConnectorAnalysis } from "./connector-analysis.ts";
import { alternatives, type Value } from "./value.ts";

/**
 * What a connector may do beyond transforming events, as its manifest and entry file declare it: the
 * hosts it may reach, the secrets and host-naming config fields it asks for, and the work it schedules.
 */
export interface Capabilities {
  allowedHosts: string[];
  /** Config keys marked `secret: true`. */
  secrets: string[];
  /** Config keys with `"format": "url"` / `"hostname"`: each adds the host its value names to egress. */
  hostFields: string[];
  /** Scheduled tasks the entry exports (`runEveryMinute`, ...). */
  scheduled: string[];
  /** Job names of the exported `jobs` object. */
  jobs: string[];
  /** Every hook the entry exports (`processEvent`, `onEvent`, `setupPlugin`, ...; scheduled tasks included). */
  hooks: string[];
}

function objectKeys(value: Value | undefined): string[] {
  return value ? [...new Set(alternatives(value).flatMap((option) => (option.kind === "object" ? [...option.properties.keys()] : [])))] : [];
}

/** The entry source: plugin.json `main`, else index.js / index.ts. */
function entrySource(sources: readonly ParsedSource[], dir: string, manifest: PluginManifest | undefined): ParsedSource | undefined {
  const names = manifest?.main ? [manifest.main.replace(/^\.\//, "")] : ["index.js", "index.ts"];
  return names.map((name) => sources.find((source) => source.file === `${dir}/${name}`)).find(Boolean);
}

/** Export name → its value, through re-exports (`export { x } from "./lib/x.ts"`, `export *`). */
function entryExports(analysis: ConnectorAnalysis, entry: ParsedSource): Map<string, Value> {
  const { checker } = analysis.program;
  const module = checker.getSymbolAtLocation(entry.ast);
  const found = new Map<string, Value>();
  for (const symbol of module ? checker.getExportsOfModule(module) : []) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const declaration = target.valueDeclaration ?? target.declarations?.[0];
    found.set(symbol.name, declaration ? analysis.values.valueOfDeclaration(declaration) : { kind: "unknown", origins: [] });
  }
  const fallback = found.get("default");
  for (const key of objectKeys(fallback)) if (!found.has(key)) found.set(key, alternatives(fallback!).map((o) => (o.kind === "object" ? o.properties.get(key) : undefined)).find(Boolean) ?? { kind: "unknown", origins: [] });
  return found;
}

/**
 * The capabilities of a connector: from plugin.json (allowedHosts, secret and url/hostname config
 * fields) and from what its entry file exports (scheduled tasks, job names), re-exports followed.
 *
 * @example
 * capabilitiesOf(analyzeConnector(ctx), ctx.dir, ctx.manifest).scheduled // ["runEveryHour"]
 */
export function capabilitiesOf(analysis: ConnectorAnalysis, dir: string, manifest: PluginManifest | undefined): Capabilities {
  const fields = manifest ? configFields(manifest) : [];
  const entry = entrySource(analysis.sources, dir, manifest);
  const exports = entry ? entryExports(analysis, entry) : new Map<string, Value>();
  return {
    allowedHosts: [...(manifest?.allowedHosts ?? [])],
    secrets: fields.filter((field) => field.secret).map((field) => field.key),
    hostFields: fields.filter((field) => field.format === "url" || field.format === "hostname").map((field) => field.key),
    scheduled: SCHEDULED_TASKS.filter((name) => exports.has(name)),
    jobs: objectKeys(exports.get("jobs")).sort(),
    hooks: HOOK_NAMES.filter((name) => exports.has(name)),
  };
}
