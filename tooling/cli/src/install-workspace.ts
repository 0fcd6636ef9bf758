import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { ConnectorsError } from "@connectors/plugin-api";

/**
 * The install `connectors new` runs so the new package is linked into the workspace. `--prefer-offline`
 * (not `--offline`): a fresh package can need metadata the store does not hold yet, which `--offline`
 * refuses with ERR_PNPM_NO_OFFLINE_META.
 */
export const WORKSPACE_INSTALL = ["pnpm", "install", "--prefer-offline"] as const;

/** How the install is started (tests pass their own). */
export type SpawnInstall = (command: string, args: readonly string[], options: { cwd: string; encoding: "utf8" }) => Pick<SpawnSyncReturns<string>, "status" | "stdout" | "stderr" | "error">;

/** Thrown when the install after `connectors new` fails: carries its output and the command to re-run. */
export class WorkspaceInstallError extends ConnectorsError {
  constructor(created: string, root: string, output: string) {
    super(
      "WORKSPACE_INSTALL_FAILED",
      `${created} was created, but \`${WORKSPACE_INSTALL.join(" ")}\` failed:\n${output.trim() || "(it printed nothing)"}\nFix: resolve the error above, then re-run in ${root}: ${WORKSPACE_INSTALL.join(" ")}`,
    );
  }
}

const OUTPUT_TAIL_LINES = 30;

/**
 * Runs {@link WORKSPACE_INSTALL} in the workspace root, keeping its output; on failure throws a
 * {@link WorkspaceInstallError} with the last lines of that output and the command to re-run.
 */
export function installWorkspace(root: string, created: string, spawn: SpawnInstall = spawnSync): void {
  const [command, ...args] = WORKSPACE_INSTALL;
  const result = spawn(command, args, { cwd: root, encoding: "utf8" });
  if (result.status === 0 && !result.error) return;
  const output = [result.error?.message, result.stdout, result.stderr].map((part) => part?.trimEnd()).filter(Boolean).join("\n");
  throw new WorkspaceInstallError(created, root, output.trim().split("\n").slice(-OUTPUT_TAIL_LINES).join("\n"));
}
