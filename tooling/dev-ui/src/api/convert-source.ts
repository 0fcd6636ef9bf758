import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importSourceEditor, type ImportedConnector } from "@connectors/harness";
import { StudioError } from "../studio-error.ts";

/** What the convert form sends: the code and config of PostHog's source editor. */
export interface SourceEditorInput {
  name: unknown;
  code: unknown;
  language?: unknown;
  /** The config array as JSON text (`[...]` or a whole plugin.json). */
  config?: unknown;
}

function parseConfigText(text: string): unknown {
  try {
    return text.trim() ? JSON.parse(text) : [];
  } catch (error) {
    throw new StudioError(400, `Config is not valid JSON: ${(error as Error).message}`, { field: "config" });
  }
}

/**
 * Turns code pasted from PostHog's source editor into a workspace package `plugins/<name>/`
 * (package.json, plugin.json, a generated test, fixtures, README, changeset). The code is run once
 * on a sample event in the sandbox first; on any failure nothing is written.
 *
 * @throws StudioError 400 naming the field (name, code, config)
 */
export async function convertSourceEditor(root: string, input: SourceEditorInput): Promise<ImportedConnector> {
  if (typeof input.name !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(input.name)) throw new StudioError(400, 'Name must be lower-case letters, digits and dashes, e.g. "my-connector"', { field: "name" });
  if (typeof input.code !== "string" || !input.code.trim()) throw new StudioError(400, "Code is empty: paste the index.ts (or index.js) of the source editor", { field: "code" });
  const config = parseConfigText(typeof input.config === "string" ? input.config : "");
  const manifest = Array.isArray(config) ? { config } : config;
  if (typeof manifest !== "object" || manifest === null || !Array.isArray((manifest as { config?: unknown }).config ?? [])) {
    throw new StudioError(400, 'Config must be the config array ([{"key": ...}]) or a plugin.json with "config"', { field: "config" });
  }
  const scratch = mkdtempSync(join(tmpdir(), "studio-convert-"));
  try {
    writeFileSync(join(scratch, input.language === "js" ? "index.js" : "index.ts"), input.code);
    writeFileSync(join(scratch, "plugin.json"), JSON.stringify(manifest));
    return await importSourceEditor(scratch, { name: input.name, root });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
