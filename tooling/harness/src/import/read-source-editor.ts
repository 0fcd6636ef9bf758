import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** What PostHog's in-browser source editor held: the code, its config array and (optionally) plugin.json. */
export interface SourceEditorFiles {
  /** `index.ts` or `index.js`. */
  mainName: "index.ts" | "index.js";
  code: string;
  config: Array<Record<string, unknown>>;
  /** Fields of a plugin.json found next to the code (name, description, ...). */
  manifest: Record<string, unknown>;
}

function parseJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Reads a source-editor export: `index.ts` (or `index.js`) plus the config array as JSON in
 * `config.json` (an array, or `{ "config": [...] }`) or in a `plugin.json`.
 *
 * @throws Error naming the missing or malformed file
 */
export function readSourceEditor(dir: string): SourceEditorFiles {
  const mainName = existsSync(join(dir, "index.ts")) ? "index.ts" : existsSync(join(dir, "index.js")) ? "index.js" : undefined;
  if (!mainName) throw new Error(`${dir} has no index.ts or index.js (the source editor's code file)`);
  const manifest = existsSync(join(dir, "plugin.json")) ? parseJson(join(dir, "plugin.json")) : {};
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) throw new Error(`${join(dir, "plugin.json")} must be a JSON object`);
  let config: unknown = (manifest as Record<string, unknown>).config ?? [];
  if (existsSync(join(dir, "config.json"))) {
    const raw = parseJson(join(dir, "config.json"));
    config = Array.isArray(raw) ? raw : (raw as { config?: unknown } | null)?.config;
  }
  if (!Array.isArray(config)) throw new Error("the config must be a JSON array of fields (config.json: [...] or { \"config\": [...] })");
  return { mainName, code: readFileSync(join(dir, mainName), "utf8"), config: config as Array<Record<string, unknown>>, manifest: manifest as Record<string, unknown> };
}
