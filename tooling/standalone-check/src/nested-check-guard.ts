import { StandaloneCheckError } from "./standalone-check-error.ts";

/** Set in the environment of every process the check starts, so a run inside one can tell. */
export const NESTED_CHECK_MARKER = "CONNECTORS_STANDALONE_CHECK";

/**
 * Refuses to start a standalone check inside another one. Every child of the check carries
 * {@link NESTED_CHECK_MARKER}; were a child ever to run the workspace's tests again (a vitest that picked up
 * the workspace's config, a CLI working in the wrong folder), this stops the chain at its first link with
 * an error instead of one more generation of nested test runs.
 *
 * @throws StandaloneCheckError when the marker is set
 */
export function refuseNestedCheck(env: NodeJS.ProcessEnv = process.env): void {
  if (!env[NESTED_CHECK_MARKER]) return;
  throw new StandaloneCheckError(
    "STANDALONE_CHECK_NESTED",
    `the standalone-repository check was started by a process of another standalone check (${NESTED_CHECK_MARKER}=${env[NESTED_CHECK_MARKER]}): ` +
      "a command it runs in its temp repository reached this workspace's tests. Fix: make that command work in the folder it was started in",
  );
}
