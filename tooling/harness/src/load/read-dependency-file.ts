import { realpathSync } from "node:fs";
import { isInside, isSystemPath } from "../supply/is-inside.ts";
import { readRegularFile } from "../supply/read-regular-file.ts";

/** The outcome of {@link readDependencyFile}: the bytes, or why the file is refused. */
export type DependencyFileResult = { ok: true; bytes: Buffer; realPath: string } | { ok: false; reason: string };

/**
 * Reads a file a trusted dependency resolved to, only if its real path lies inside one of `roots`
 * (the workspace's node_modules, the package, or a toolkit package) and it is a regular file within
 * the size cap.
 */
export function readDependencyFile(path: string, roots: readonly string[], maxBytes: number): DependencyFileResult {
  let realPath: string;
  try {
    realPath = realpathSync(path);
  } catch {
    return { ok: false, reason: "it does not exist" };
  }
  if (isSystemPath(realPath) || !roots.some((root) => isInside(root, realPath))) return { ok: false, reason: "it resolves outside the dependencies a connector may use" };
  const read = readRegularFile(realPath, maxBytes);
  if (read.ok) return { ok: true, bytes: read.bytes, realPath };
  return { ok: false, reason: read.reason === "too-large" ? `it is ${read.size} bytes, over the ${maxBytes}-byte limit per file` : read.reason === "not-regular" ? "it is not a regular file" : `it cannot be read (${read.detail})` };
}
