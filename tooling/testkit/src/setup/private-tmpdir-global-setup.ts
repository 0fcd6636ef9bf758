// vitest global setup for every workspace project: the run gets a private TMPDIR, so no test can leave
// files in the machine's temp dir; each test file gets its own dir inside it, removed when the file ends
// (temp-dir-per-file.ts). What is still there when the run ends fails the run, listed by name.
import { tmpdir } from "node:os";
import type { TestProject } from "vitest/node";
import { LeftoverTempFilesError } from "../temp/leftover-temp-files-error.ts";
import { openPrivateTmpdir, type PrivateTmpdir } from "../temp/private-tmpdir.ts";
import { SHARED_TMPDIR_ENV } from "../temp/shared-tmpdir.ts";

interface RunTmpdir {
  dir: PrivateTmpdir;
  /** Projects of this vitest process using it (a root run sets up every project in one process). */
  users: number;
  restore: () => void;
}

const RUN = Symbol.for("connectors.testkit.run-tmpdir");
const holder = globalThis as { [RUN]?: RunTmpdir };

function setEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

function openRun(): RunTmpdir {
  const { TMPDIR: previous, [SHARED_TMPDIR_ENV]: previousShared } = process.env;
  const machine = tmpdir();
  const dir = openPrivateTmpdir(machine, "ct-run-");
  process.env[SHARED_TMPDIR_ENV] = previousShared ?? machine;
  process.env.TMPDIR = dir.path;
  return { dir, users: 0, restore: () => (setEnv("TMPDIR", previous), setEnv(SHARED_TMPDIR_ENV, previousShared)) };
}

/** vitest only prints an error thrown by a global teardown ("error during close"): the exit code says it. */
function failRun(error: LeftoverTempFilesError): void {
  process.exitCode = 1;
  throw error;
}

export default function setup(project: TestProject): () => void {
  const run = (holder[RUN] ??= openRun());
  run.users += 1;
  return () => {
    run.users -= 1;
    if (run.users > 0) return;
    delete holder[RUN];
    const leftovers = run.dir.leftovers();
    run.dir.remove();
    run.restore();
    if (leftovers.length > 0) failRun(new LeftoverTempFilesError(project.name, leftovers));
  };
}
