import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { offlineLockfile } from "./offline-lockfile.ts";
import type { PackedPackage } from "./pack-toolkit.ts";
import { StandaloneCheckError } from "./standalone-check-error.ts";
import type { StandaloneSandbox } from "./standalone-sandbox.ts";

/**
 * Points every toolkit package a scaffolded repository installs (directly or through another) at its
 * packed tarball with `pnpm.overrides`, leaving the devDependencies on the published versions a real
 * repository has (what review reads), writes a matching lockfile and
 * runs `pnpm install --offline --frozen-lockfile`: nothing is fetched, third-party packages come
 * from the store the workspace install filled.
 *
 * @returns pnpm's output
 * @throws StandaloneCheckError with pnpm's output when the install fails
 */
export async function installToolkitOffline(workspaceRoot: string, sandbox: StandaloneSandbox, packed: PackedPackage[], budgetMs: number): Promise<string> {
  const packageFile = join(sandbox.repo, "package.json");
  const pkg = JSON.parse(readFileSync(packageFile, "utf8")) as { devDependencies: Record<string, string>; pnpm?: Record<string, unknown> };
  const { text, fileRefs } = offlineLockfile(readFileSync(join(workspaceRoot, "pnpm-lock.yaml"), "utf8"), sandbox.repo, packed, pkg.devDependencies);
  pkg.pnpm = { ...pkg.pnpm, overrides: Object.fromEntries(fileRefs) };
  writeFileSync(packageFile, `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(join(sandbox.repo, "pnpm-lock.yaml"), text);
  const result = await sandbox.run("pnpm", ["install", "--offline", "--frozen-lockfile", "--reporter=append-only"], { budgetMs });
  if (result.status !== 0) throw new StandaloneCheckError("STANDALONE_CHECK_INSTALL_FAILED", `pnpm install --offline --frozen-lockfile failed in ${sandbox.repo}:\n${result.output}`);
  return result.output;
}
