import { basename, join } from "node:path";
import { ConnectorsError, ManifestError, errorIssue, formatIssues, hasErrors, warningIssue, type Issue, type ManifestStrictness } from "@connectors/plugin-api";
import { SupplyError, getConnectorSandbox, loadConnector, manifestStrictnessFor, readPackageSnapshot, resolveTargetDir, sourceFromSnapshot, type PackageSnapshot } from "@connectors/harness";
import type { Command, CommandIO } from "../command.ts";
import { UsageError } from "../read-input.ts";

/** An issue and the file it is in. */
export interface FileIssue extends Issue {
  file: string;
}

function packageIssues(dir: string, snapshot: PackageSnapshot): FileIssue[] {
  const file = join(dir, "package.json");
  const pkg = snapshot.packageJson;
  if (!pkg) return snapshot.files.has("package.json") ? [{ ...errorIssue("", "package.json is not valid JSON", "fix its syntax"), file }] : [];
  const issues: Issue[] = [];
  const inPlugins = basename(join(dir, "..")) === "plugins";
  const expected = `posthog-${basename(dir)}-plugin`;
  if (inPlugins && pkg.name !== expected) issues.push(errorIssue("/name", `package name is ${JSON.stringify(pkg.name)}; connectors in plugins/<slug> are named "${expected}"`, `set "name": "${expected}"`));
  // PostHog never read package.json metadata: a third-party connector missing it gets warnings.
  const missing = snapshot.strictness === "official" ? errorIssue : warningIssue;
  for (const key of ["description", "license"]) if (!pkg[key]) issues.push(missing(`/${key}`, `package.json has no "${key}"`, `add "${key}"`));
  if (!pkg.author && !pkg.maintainers) issues.push(warningIssue("/author", `package.json names no author or maintainers`, `add "author"`));
  return issues.map((issue) => ({ ...issue, file }));
}

/** Loads the code once (in-process for workspace connectors, in the sandbox for anything else) to find syntax, import and export problems. */
async function codeIssues(dir: string, snapshot: PackageSnapshot): Promise<FileIssue[]> {
  try {
    const loaded = await loadConnector(sourceFromSnapshot(snapshot, basename(dir)), { mode: snapshot.trusted ? "bundle" : "sandbox" });
    const refuse = () => {
      throw new Error("validate does not run hooks");
    };
    const silent = { log() {}, info() {}, warn() {}, error() {}, debug() {} };
    const { plugin, unknownExports } = loaded.instantiate({ require: () => ({}), fetch: refuse as never, posthog: { capture: refuse, api: {} } as never, console: silent as never });
    getConnectorSandbox(plugin)?.dispose();
    return unknownExports.map((name) => ({ ...warningIssue(`/exports/${name}`, `export "${name}" is not part of the connector contract and is ignored`, "remove it or rename it to a hook"), file: loaded.source.entryFile }));
  } catch (error) {
    if (error instanceof ManifestError) return [];
    if (error instanceof ConnectorsError) return [{ ...errorIssue("", error.message), file: dir }];
    throw error;
  }
}

/**
 * Every issue of a connector directory: files the supply step refuses (links leaving the package,
 * devices, caps), plugin.json, package.json, and whether its code loads. Reads only the package
 * snapshot. A workspace connector (`plugins/<slug>`) gets the official rules; any other directory
 * (a third-party connector) the legacy leniency `run` and `install` apply: the quirks PostHog
 * accepted are warnings. `strictness` overrides the choice.
 */
export async function validateConnectorDir(dir: string, strictness: ManifestStrictness = manifestStrictnessFor(dir)): Promise<FileIssue[]> {
  const manifestFile = join(dir, "plugin.json");
  let snapshot: PackageSnapshot;
  try {
    snapshot = await readPackageSnapshot(dir, { strictness });
  } catch (error) {
    if (error instanceof SupplyError) return error.issues.map((issue) => ({ ...issue, file: join(dir, issue.path) }));
    if (error instanceof ManifestError) return error.issues.map((issue) => ({ ...issue, file: manifestFile }));
    if (error instanceof ConnectorsError) return [{ ...errorIssue("", error.message), file: dir }];
    throw error;
  }
  const manifestIssues = snapshot.warnings.map((issue) => ({ ...issue, file: manifestFile }));
  return [...manifestIssues, ...packageIssues(dir, snapshot), ...(await codeIssues(dir, snapshot))];
}

export const validateCommand: Command = {
  name: "validate",
  summary: "Check a connector's plugin.json, package.json and code; list every issue",
  usage: "connectors validate <slug|dir> [--official] [--json]   (a directory outside plugins/ gets PostHog's legacy leniency; --official applies the catalog's rules)",
  options: { json: { type: "boolean" }, official: { type: "boolean" } },
  async run(args, io: CommandIO) {
    const target = args.positionals[0];
    if (!target) throw new UsageError("validate needs a target: a slug under plugins/ or a directory holding plugin.json");
    const dir = resolveTargetDir(target, io.cwd);
    const issues = await validateConnectorDir(dir, args.values.official ? "official" : manifestStrictnessFor(dir));
    const ok = !hasErrors(issues);
    if (args.values.json) io.stdout(`${JSON.stringify({ ok, dir, issues }, null, 2)}\n`);
    else if (issues.length === 0) io.stdout(`ok ${dir}: plugin.json, package.json and code are valid\n`);
    else {
      for (const file of new Set(issues.map((issue) => issue.file))) {
        io.stdout(`${formatIssues(issues.filter((issue) => issue.file === file), file)}\n`);
      }
      io.stdout(`${ok ? "ok" : "invalid"}: ${issues.filter((i) => i.severity === "error").length} error(s), ${issues.filter((i) => i.severity === "warning").length} warning(s)\n`);
    }
    return ok ? 0 : 1;
  },
};
