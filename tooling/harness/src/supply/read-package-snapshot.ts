import { resolve } from "node:path";
import { hasErrors, type ManifestStrictness } from "@connectors/plugin-api";
import { collectPackageFiles } from "./collect-package-files.ts";
import { createPackageSnapshot, type PackageSnapshot } from "./package-snapshot.ts";
import { SupplyError } from "./supply-error.ts";
import { resolveSupplyLimits, type SupplyLimits } from "./supply-limits.ts";
import { workspacePackagePath } from "./trusted-package.ts";
import { manifestStrictnessFor } from "../load/resolve-source.ts";

/** Options of {@link readPackageSnapshot}. */
export interface ReadSnapshotOptions {
  /** Caps (defaults: {@link DEFAULT_SUPPLY_LIMITS}, overridable by environment variables). */
  limits?: Partial<SupplyLimits>;
  /** Treat the package as trusted even outside the workspace (the CLI's `--trust`). Default: only workspace packages. */
  trust?: boolean;
  /** Label for messages (default: the directory path). */
  label?: string;
  /** How plugin.json is judged (default: `official` under the workspace's plugins/, `legacy` elsewhere). */
  strictness?: ManifestStrictness;
}

/**
 * The supply step for a directory: reads the package's own regular files into memory (see
 * {@link collectPackageFiles} for what is refused), then validates plugin.json, `main` and `icon`
 * from that snapshot. Nothing else on disk is read, and nothing is evaluated.
 *
 * @example
 * const snapshot = await readPackageSnapshot("plugins/hello-world");
 * snapshot.main // "index.ts"
 * @throws SupplyError listing every refused file (symlink leaving the package, device, FIFO, over a cap)
 * @throws ManifestError / PluginLoadError for a bad plugin.json or a missing entry file
 */
export async function readPackageSnapshot(dir: string, options: ReadSnapshotOptions = {}): Promise<PackageSnapshot> {
  const absolute = resolve(dir);
  const label = options.label ?? absolute;
  const { files, issues } = collectPackageFiles(absolute, resolveSupplyLimits(options.limits));
  if (hasErrors(issues)) throw new SupplyError(label, issues);
  const workspacePath = workspacePackagePath(absolute);
  return createPackageSnapshot(files, {
    label,
    dir: absolute,
    trusted: options.trust === true || workspacePath !== undefined,
    displayRoot: workspacePath ? `${workspacePath}/` : "",
    strictness: options.strictness ?? manifestStrictnessFor(absolute),
  });
}
