import { existsSync } from "node:fs";
import { join } from "node:path";
import { PluginLoadError, defaultInstallDir, defaultSlugFor, loadConnector, parseSupplySource, resolveConnectorSource, resolveTargetDir, sourceFromSnapshot, supplySource, type LoadMode, type LoadedConnector } from "@connectors/harness";

/** How `run` may load its target. */
export interface RunTargetOptions {
  cwd: string;
  /** `--sandbox`: run in the isolate even when the target is trusted. */
  sandbox: boolean;
  /** `--trust`: run a target from outside the workspace in-process. */
  trust: boolean;
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/** The folder of a target: a workspace slug or a path, else a connector installed under that slug. */
function targetDir(target: string, cwd: string): string {
  try {
    return resolveTargetDir(target, cwd);
  } catch (error) {
    if (!SLUG.test(target)) throw error;
    const installed = join(defaultInstallDir(cwd), target);
    if (existsSync(join(installed, "plugin.json"))) return installed;
    throw new PluginLoadError(`Cannot find connector "${target}": it is neither a workspace connector (plugins/${target}), one installed in ${defaultInstallDir(cwd)}, nor a directory. Fix: check the name (connectors list, connectors list --installed), or install it first (connectors install <source>).`, { cause: error });
  }
}

function modeFor(trusted: boolean, options: RunTargetOptions): LoadMode {
  return options.sandbox || !(trusted || options.trust) ? "sandbox" : "bundle";
}

/**
 * Loads what `connectors run` was given. Workspace connectors run in-process (or in the sandbox
 * with `--sandbox`); everything else (an installed slug, a folder outside the workspace, a .tgz,
 * npm name@version, GitHub/GitLab or archive URL) runs in the sandbox unless `--trust` is given.
 * Remote sources are supplied into memory: nothing is written to disk.
 */
export async function loadRunTarget(target: string, options: RunTargetOptions): Promise<LoadedConnector> {
  const remote = parseSupplySource(target, { cwd: options.cwd });
  if (remote && remote.kind !== "workspace" && remote.kind !== "dir") {
    const snapshot = await supplySource(remote, { cwd: options.cwd });
    return loadConnector(sourceFromSnapshot(snapshot, defaultSlugFor(remote)), { mode: modeFor(false, options) });
  }
  const source = await resolveConnectorSource(targetDir(target, options.cwd), options.cwd, options.trust ? { trust: true } : {});
  return loadConnector(source, { mode: modeFor(source.snapshot.trusted, options) });
}
