import { posix } from "node:path";
import type { Loader } from "esbuild";

const LOADERS: Readonly<Record<string, Loader>> = {
  ".ts": "ts",
  ".mts": "ts",
  ".cts": "ts",
  ".tsx": "tsx",
  ".js": "js",
  ".mjs": "js",
  ".cjs": "js",
  ".jsx": "jsx",
  ".json": "json",
};

/** Extensions tried, in order, for an import without one (esbuild's order, plus the module variants). */
export const RESOLVE_EXTENSIONS: readonly string[] = [".tsx", ".ts", ".jsx", ".js", ".mts", ".cts", ".mjs", ".cjs", ".json"];

/**
 * Why an import's attributes are refused, or undefined when they are allowed: only none, or
 * `with { type: "json" }`. `text`, `bytes`, `file` and every other attribute would turn an arbitrary
 * file into data inside the bundle, so they are never accepted.
 */
export function refusedAttributes(attributes: Readonly<Record<string, string>> | undefined): string | undefined {
  const entries = Object.entries(attributes ?? {});
  if (entries.length === 0 || (entries.length === 1 && entries[0]![0] === "type" && entries[0]![1] === "json")) return undefined;
  const shown = entries.map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(", ");
  return `the import attribute { ${shown} } is not allowed. Fix: connectors import code and JSON only; use with { type: "json" } for a .json file and plain imports for .ts/.js`;
}

/**
 * The esbuild loader for a file of the package: TypeScript, JavaScript or JSON by extension (JSON
 * also when imported `with { type: "json" }`); undefined for any other kind of file.
 */
export function loaderFor(path: string, attributes?: Readonly<Record<string, string>>): Loader | undefined {
  if (attributes?.type === "json") return "json";
  return LOADERS[posix.extname(path).toLowerCase()];
}
