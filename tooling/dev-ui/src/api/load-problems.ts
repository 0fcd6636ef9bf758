import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, ManifestError, type PluginManifest } from "@connectors/plugin-api";
import { PluginLoadError, type TracedError } from "@connectors/harness";
import type { SourceProblem } from "../studio-error.ts";
import { bundleProblems } from "./check-package-edit.ts";
import { labelConfigIssues, type LabelledIssue } from "./label-config-issues.ts";
import { manifestProblems } from "./manifest-problems.ts";
import { packageOrigin } from "./package-origin.ts";

/** Why a connector could not start, as the page shows it: config issues by field, file problems by line. */
export interface StartFailure {
  name: string;
  message: string;
  issues?: LabelledIssue[];
  problems?: SourceProblem[];
}

/** Describes a failure to load or configure a connector with places the page can point at. */
export function describeStartFailure(dir: string, manifest: PluginManifest | undefined, error: unknown): StartFailure {
  const base = { name: (error as Error)?.name ?? "Error", message: error instanceof Error ? error.message : String(error) };
  if (error instanceof ConfigError && manifest) {
    const issues = labelConfigIssues(manifest, error.issues);
    return { ...base, message: `The configuration needs fixing: ${issues.map((i) => i.message).join("; ")}`, issues };
  }
  if (error instanceof ManifestError) {
    let text = "";
    try {
      text = readFileSync(join(dir, "plugin.json"), "utf8");
    } catch {
      // no plugin.json: the message says so
    }
    return { ...base, problems: text ? manifestProblems(text, packageOrigin(dir).strictness) : [] };
  }
  if (error instanceof PluginLoadError) {
    const located = (error as TracedError).location;
    // Top-level code that threw: the harness maps it to the connector's file and line.
    if (located) {
      const { displayRoot } = packageOrigin(dir);
      const file = displayRoot && located.file.startsWith(displayRoot) ? located.file.slice(displayRoot.length) : located.file;
      return { ...base, problems: [{ file, line: located.line, column: located.column, severity: "error", message: base.message }] };
    }
    return { ...base, problems: bundleProblems(error).filter((p) => p.file) };
  }
  return base;
}
