import { manifestStrictnessFor, workspacePackagePath, type SnapshotOrigin } from "@connectors/harness";

/**
 * How the harness will judge a package folder: a workspace package of the checkout the studio runs
 * from is trusted (bundled with its dependencies, may run in-process); anything else runs only in
 * the sandbox.
 */
export function packageOrigin(dir: string): Required<Omit<SnapshotOrigin, "dir">> & { dir: string } {
  const workspacePath = workspacePackagePath(dir);
  return { label: dir, dir, trusted: workspacePath !== undefined, displayRoot: workspacePath ? `${workspacePath}/` : "", strictness: manifestStrictnessFor(dir) };
}
