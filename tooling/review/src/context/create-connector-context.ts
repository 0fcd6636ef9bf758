import { validateManifest, type PluginManifest } from "@connectors/plugin-api";
import { parseSource } from "../ast/parse-source.ts";
import type { ConnectorContext, ConnectorFile, ParsedSource } from "../types.ts";

/** Files above this size are listed but not read or parsed. */
export const MAX_FILE_BYTES = 512 * 1024;
const SOURCE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;

/** Everything about a connector that does not come from its own files. */
export type ContextSurroundings = Omit<ConnectorContext, "files" | "sources" | "manifestText" | "manifestRaw" | "manifest" | "packageJson">;

const IMAGE_MAGIC = [Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from([0xff, 0xd8, 0xff]), Buffer.from("GIF8"), Buffer.from([0x00, 0x00, 0x01, 0x00])];

function isImage(bytes: Buffer): boolean {
  if (bytes.subarray(0, 4).equals(Buffer.from("RIFF")) && bytes.subarray(8, 12).equals(Buffer.from("WEBP"))) return true;
  return IMAGE_MAGIC.some((magic) => bytes.subarray(0, magic.length).equals(magic));
}

function toConnectorFile(file: string, bytes: Buffer): ConnectorFile {
  const image = isImage(bytes);
  const binary = image || bytes.subarray(0, 8000).includes(0);
  if (bytes.length > MAX_FILE_BYTES) return { file, size: bytes.length, binary, image, tooLarge: true, text: "" };
  return { file, size: bytes.length, binary, image, tooLarge: false, text: binary ? "" : bytes.toString("utf8") };
}

/** Parses JSON text; undefined when absent or not JSON. */
export function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The value when it is a plain object. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The validated manifest, or undefined when it does not validate. */
export function toManifest(raw: unknown): PluginManifest | undefined {
  if (raw === undefined) return undefined;
  const result = validateManifest(raw);
  return result.ok ? result.value : undefined;
}

/** Parses the readable source files of a package (`dir`-prefixed paths). */
export function parseSources(files: readonly ConnectorFile[]): ParsedSource[] {
  return files.filter((file) => SOURCE.test(file.file) && !file.binary && !file.tooLarge).map((file) => parseSource(file.file, file.text));
}

/**
 * Builds a review context from a package's files in memory (package path → bytes, as the supply step
 * read them): every file listed (binary and oversized ones flagged, not read), sources parsed,
 * plugin.json and package.json parsed. Reads nothing from disk and executes nothing.
 *
 * @example
 * createConnectorContext(snapshot.files, { slug: "acme", dir: "plugins/acme", status: "added", ...surroundings })
 */
export function createConnectorContext(packageFiles: ReadonlyMap<string, Buffer>, surroundings: ContextSurroundings): ConnectorContext {
  const prefix = surroundings.dir ? `${surroundings.dir}/` : "";
  const files = [...packageFiles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, bytes]) => toConnectorFile(`${prefix}${path}`, bytes));
  const text = (name: string) => {
    const file = files.find((f) => f.file === `${prefix}${name}`);
    return file && !file.binary && !file.tooLarge ? file.text : undefined;
  };
  const manifestText = text("plugin.json");
  const manifestRaw = parseJson(manifestText);
  return {
    ...surroundings,
    files,
    sources: parseSources(files),
    manifestText,
    manifestRaw,
    manifest: toManifest(manifestRaw),
    packageJson: asRecord(parseJson(text("package.json"))),
  };
}
