import { readFileSync } from "node:fs";
import { join } from "node:path";
import { StandaloneCheckError } from "./standalone-check-error.ts";
import type { StandaloneSandbox } from "./standalone-sandbox.ts";

/** The workspace folders of the published toolkit: what a standalone connector repository installs. */
export const PUBLISHED_TOOLKIT = ["plugin-api", "harness", "testkit", "plugin-scaffold", "registry-client", "review", "dev-ui", "cli"] as const;

/** One toolkit package packed by `pnpm pack`. */
export interface PackedPackage {
  name: string;
  version: string;
  /** Its folder in the workspace, e.g. `tooling/harness` (its importer key in pnpm-lock.yaml). */
  workspacePath: string;
  /** Absolute path of the .tgz. */
  tarball: string;
}

/** `@connectors/cli` 0.1.0 → `connectors-cli-0.1.0.tgz` (pnpm's tarball name). */
function tarballName(name: string, version: string): string {
  return `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`;
}

/**
 * Packs every {@link PUBLISHED_TOOLKIT} package with `pnpm pack` (which rewrites `workspace:` ranges
 * to versions, as publishing does) into the sandbox's temp dir.
 *
 * @throws StandaloneCheckError naming the package and pnpm's output when a pack fails
 */
export async function packToolkit(workspaceRoot: string, sandbox: StandaloneSandbox, budgetMs: number): Promise<PackedPackage[]> {
  const packed: PackedPackage[] = [];
  for (const folder of PUBLISHED_TOOLKIT) {
    const workspacePath = `tooling/${folder}`;
    const cwd = join(workspaceRoot, workspacePath);
    const { name, version } = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as { name: string; version: string };
    const result = await sandbox.run("pnpm", ["pack", "--pack-destination", sandbox.dir], { cwd, budgetMs });
    if (result.status !== 0) throw new StandaloneCheckError("STANDALONE_CHECK_PACK_FAILED", `pnpm pack failed in ${workspacePath}:\n${result.output}`);
    packed.push({ name, version, workspacePath, tarball: join(sandbox.dir, tarballName(name, version)) });
  }
  return packed;
}
