import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ConnectorsError } from "@connectors/plugin-api";

/** Thrown for a CLI argument that cannot be used (bad JSON, missing file, unknown hook). */
export class UsageError extends ConnectorsError {
  constructor(message: string) {
    super("USAGE", message);
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} is not valid JSON: ${(error as Error).message}. Fix: quote keys and strings, e.g. '{"name":"Alice"}'`);
  }
}

/** Reads stdin to the end. */
export function readStdin(): string {
  return readFileSync(0, "utf8");
}

/**
 * A JSON argument given inline or as a file path (`-` for stdin).
 *
 * @example readJsonArg('{"name":"Alice"}', "--config", cwd) // { name: "Alice" }
 */
export function readJsonArg(value: string, what: string, cwd: string): unknown {
  if (value === "-") return parseJson(readStdin(), `${what} (stdin)`);
  const trimmed = value.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return parseJson(trimmed, what);
  const file = resolve(cwd, value);
  if (!existsSync(file)) throw new UsageError(`${what} ${value} is neither JSON nor an existing file`);
  return parseJson(readFileSync(file, "utf8"), `${what} file ${file}`);
}
