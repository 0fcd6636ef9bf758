// vitest setup file for every workspace project: each test file works in its own TMPDIR (inside the run's
// private one, see private-tmpdir-global-setup.ts), removed with everything in it when the file ends. Every
// `mkdtemp(join(tmpdir(), …))` of a test, and of the code and child processes it runs, is cleaned up
// without bookkeeping in the test. Names stay short: unix socket paths (Chromium's SingletonSocket, IPC
// pipes) made inside must fit in 108 bytes.
import { tmpdir } from "node:os";
import { afterAll } from "vitest";
import { openPrivateTmpdir } from "../temp/private-tmpdir.ts";

const previous = process.env.TMPDIR;
const dir = openPrivateTmpdir(tmpdir(), "f-");
process.env.TMPDIR = dir.path;

afterAll(() => {
  if (previous === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previous;
  dir.remove();
});
