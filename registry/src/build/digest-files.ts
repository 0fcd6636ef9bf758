import type { FileDigest } from "@connectors/registry-client";
import { computeIntegrity } from "@connectors/registry-client";

/**
 * The `files` map of registry.json: every file of the catalog directory (by relative path, sorted)
 * with its size and sha256 integrity, so `registry sign` and `registry verify` can check each one.
 */
export function digestFiles(files: Map<string, Buffer | string>): Record<string, FileDigest> {
  const entries = [...files].sort(([a], [b]) => (a < b ? -1 : 1));
  return Object.fromEntries(entries.map(([path, content]) => {
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    return [path, { integrity: computeIntegrity(bytes), size: bytes.byteLength }];
  }));
}
