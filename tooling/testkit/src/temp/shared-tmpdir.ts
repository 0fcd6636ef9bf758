import { tmpdir } from "node:os";

/**
 * Names the machine's temp dir while a test run has pointed `TMPDIR` at its own private one
 * (see {@link openPrivateTmpdir}): state shared by several runs at once (the shared test services) lives there.
 */
export const SHARED_TMPDIR_ENV = "CONNECTORS_SHARED_TMPDIR";

/** The temp dir for state shared across test runs: the machine's, even inside a run with a private `TMPDIR`. */
export function sharedTmpdir(): string {
  return process.env[SHARED_TMPDIR_ENV] ?? tmpdir();
}
