import { collectPackageFiles, resolveSupplyLimits } from "@connectors/harness";
import type { RefusedFile } from "../types.ts";

/** What {@link readPackageFiles} read: package path → bytes, and every file the supply step refused. */
export interface PackageFiles {
  files: Map<string, Buffer>;
  refused: RefusedFile[];
}

/**
 * Reads a connector folder through the harness supply step (`collectPackageFiles`), so the review
 * sees exactly what the bundler may read: regular files, symlinks only when they stay inside the
 * package, caps applied; everything refused (links leaving the package, devices, files over a cap)
 * comes back as a refusal naming the file (`shown`-prefixed, e.g. `plugins/x/notes.md`) and the fix.
 */
export function readPackageFiles(dir: string, shown: string): PackageFiles {
  const { files, issues } = collectPackageFiles(dir, resolveSupplyLimits());
  const refused = issues.map((issue) => ({ file: issue.path ? `${shown}/${issue.path}` : shown, message: issue.message, fix: issue.fix ?? "remove it from the package" }));
  return { files, refused };
}
