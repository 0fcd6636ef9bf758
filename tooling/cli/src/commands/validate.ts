import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { ConnectorsError, ManifestError, errorIssue, formatIssues, hasErrors, readManifest, warningIssue, type Issue } from "@connectors/plugin-api";
import { loadConnector, resolveTargetDir } from "@connectors/harness";
import type { Command, CommandIO } from "../command.ts";
import { UsageError } from "../read-input.ts";

/** An issue and the file it is in. */
export interface FileIssue extends Issue {
  file: string;
}

function packageIssues(dir: string): FileIssue[] {
  const file = join(dir, "package.json");
  if (!existsSync(file)) return [];
  const pkg = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  const issues: Issue[] = [];
  const inPlugins = basename(join(dir, "..")) === "plugins";
  const expected = `posthog-${basename(dir)}-plugin`;
  if (inPlugins && pkg.name !== expected) issues.push(errorIssue("/name", `package name is ${JSON.stringify(pkg.name)}; connectors in plugins/<slug> are named "${expected}"`, `set "name": "${expected}"`));
  for (const key of ["description", "license"]) if (!pkg[key]) issues.push(errorIssue(`/${key}`, `package.json has no "${key}"`, `add "${key}"`));
  if (!pkg.author && !pkg.maintainers) issues.push(warningIssue("/author", `package.json names no author or maintainers`, `add "author"`));
  return issues.map((issue) => ({ ...issue, file }));
}

async function codeIssues(dir: string): Promise<FileIssue[]> {
  try {
    const loaded = await loadConnector(dir, { mode: "bundle" });
    const refuse = () => {
      throw new Error("validate does not run hooks");
    };
    const { unknownExports } = loaded.instantiate({ require: () => ({}), fetch: refuse as never, posthog: { capture: refuse, api: {} } as never, console: console as never });
    return unknownExports.map((name) => ({ ...warningIssue(`/exports/${name}`, `export "${name}" is not part of the connector contract and is ignored`, "remove it or rename it to a hook"), file: loaded.source.entryFile }));
  } catch (error) {
    if (error instanceof ManifestError) return [];
    if (error instanceof ConnectorsError) return [{ ...errorIssue("", error.message), file: dir }];
    throw error;
  }
}

/** Every issue of a connector directory: manifest, package.json, and whether its code loads. */
export async function validateConnectorDir(dir: string): Promise<FileIssue[]> {
  const manifestFile = join(dir, "plugin.json");
  let manifestIssues: FileIssue[];
  try {
    const { warnings } = await readManifest(dir);
    manifestIssues = warnings.map((issue) => ({ ...issue, file: manifestFile }));
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    manifestIssues = error.issues.map((issue) => ({ ...issue, file: manifestFile }));
  }
  return [...manifestIssues, ...packageIssues(dir), ...(hasErrors(manifestIssues) ? [] : await codeIssues(dir))];
}

export const validateCommand: Command = {
  name: "validate",
  summary: "Check a connector's plugin.json, package.json and code; list every issue",
  usage: "connectors validate <slug|dir> [--json]",
  options: { json: { type: "boolean" } },
  async run(args, io: CommandIO) {
    const target = args.positionals[0];
    if (!target) throw new UsageError("validate needs a target: a slug under plugins/ or a directory holding plugin.json");
    const dir = resolveTargetDir(target, io.cwd);
    const issues = await validateConnectorDir(dir);
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
