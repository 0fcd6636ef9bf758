import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { StandaloneCheckError } from "./standalone-check-error.ts";
import type { StandaloneSandbox } from "./standalone-sandbox.ts";

/**
 * The workspace folders of the published toolkit (every package under `tooling/` that is not private):
 * what a standalone connector repository installs, directly or through another.
 */
export function publishedToolkit(workspaceRoot: string): string[] {
  const tooling = join(workspaceRoot, "tooling");
  return readdirSync(tooling, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(tooling, entry.name, "package.json")))
    .map((entry) => `tooling/${entry.name}`)
    .filter((workspacePath) => !(JSON.parse(readFileSync(join(workspaceRoot, workspacePath, "package.json"), "utf8")) as { private?: boolean }).private)
    .sort();
}

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
 * Packs every {@link publishedToolkit} package with `pnpm pack` (which rewrites `workspace:` ranges
 * to versions, as publishing does) into the sandbox's temp dir.
 *
 * @throws StandaloneCheckError naming the package and pnpm's output when a pack fails
 */
export async function packToolkit(workspaceRoot: string, sandbox: StandaloneSandbox, budgetMs: number): Promise<PackedPackage[]> {
  const packed: PackedPackage[] = [];
  for (const workspacePath of publishedToolkit(workspaceRoot)) {
    const cwd = join(workspaceRoot, workspacePath);
    const { name, version } = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as { name: string; version: string };
    const result = await sandbox.run("pnpm", ["pack", "--pack-destination", sandbox.dir], { cwd, budgetMs });
    if (result.status !== 0) throw new StandaloneCheckError("STANDALONE_CHECK_PACK_FAILED", `pnpm pack failed in ${workspacePath}:\n${result.output}`);
    packed.push({ name, version, workspacePath, tarball: join(sandbox.dir, tarballName(name, version)) });
  }
  return packed;
}
