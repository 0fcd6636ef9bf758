import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ManifestError } from "../errors.ts";
import { errorIssue, type Issue } from "../issues.ts";
import type { PluginManifest } from "./types.ts";
import { jsonErrorOffset } from "./json-error-offset.ts";
import { validateManifest, type ValidateManifestOptions } from "./validate-manifest.ts";

/** Where in `text` a 0-based character offset falls, as `line:column` (1-based). */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

/**
 * Parses JSON text, turning a syntax error into an issue that gives the line and column.
 *
 * @throws ManifestError when the text is not JSON
 */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(text);
    const where = offset >= 0 ? ` at line ${lineColumn(text, offset)}` : "";
    const near = offset >= 0 ? `, near ${JSON.stringify(text.slice(offset, offset + 12))}` : "";
    throw new ManifestError(file, [errorIssue("", `is not valid JSON${where}${near}`, "fix the JSON syntax (a missing comma or quote, or a trailing comma)")], { cause: error });
  }
}

/** A manifest read from disk, with the warnings its validation produced. */
export interface ReadManifestResult {
  manifest: PluginManifest;
  file: string;
  warnings: Issue[];
}

/**
 * Reads and validates `<dir>/plugin.json` (strictly, unless `options.strictness` is `legacy`).
 *
 * @throws ManifestError naming the file and listing every issue, when the file is missing, is not
 * JSON, or is not a valid manifest
 */
export async function readManifest(dir: string, options: ValidateManifestOptions = {}): Promise<ReadManifestResult> {
  const file = join(dir, "plugin.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ManifestError(file, [errorIssue("", "cannot be read (no plugin.json in this directory)", "create a plugin.json with at least a \"name\"")], { cause: error });
  }
  const result = validateManifest(parseJsonFile(text, file), options);
  if (!result.ok) throw new ManifestError(file, result.issues);
  return { manifest: result.value, file, warnings: result.issues };
}
