import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import setupPrivateTmpdir from "../setup/private-tmpdir-global-setup.ts";
import { LeftoverTempFilesError } from "./leftover-temp-files-error.ts";
import { openPrivateTmpdir } from "./private-tmpdir.ts";
import { SHARED_TMPDIR_ENV, sharedTmpdir } from "./shared-tmpdir.ts";

describe("a test file's TMPDIR", () => {
  it("is its own directory inside the run's private one, and shared state stays in the machine's temp dir", () => {
    expect(basename(tmpdir())).toMatch(/^f-/);
    expect(basename(dirname(tmpdir()))).toMatch(/^ct-run-/);
    expect(sharedTmpdir()).toBe(process.env[SHARED_TMPDIR_ENV]);
    expect(tmpdir().startsWith(sharedTmpdir())).toBe(true);
  });
});

describe("openPrivateTmpdir", () => {
  it("makes a traversable, unlistable directory, lists what is left in it and removes it", () => {
    const dir = openPrivateTmpdir(tmpdir(), "probe-");
    expect(statSync(dir.path).mode & 0o777).toBe(0o711);
    expect(dir.leftovers()).toEqual([]);
    mkdirSync(join(dir.path, "b-dir"));
    writeFileSync(join(dir.path, "b-dir", "inner"), "x");
    writeFileSync(join(dir.path, "a-file"), "x");
    expect(dir.leftovers()).toEqual(["a-file", "b-dir"]);
    dir.remove();
    expect(existsSync(dir.path)).toBe(false);
  });
});

describe("the private TMPDIR global setup", () => {
  const project = { name: "probe" } as Parameters<typeof setupPrivateTmpdir>[0];

  it("points TMPDIR at a fresh dir, restores it and passes when the run left nothing", () => {
    const before = process.env.TMPDIR;
    const teardown = setupPrivateTmpdir(project);
    const runDir = process.env.TMPDIR!;
    expect(basename(runDir)).toMatch(/^ct-run-/);
    expect(teardown).not.toThrow();
    expect(process.env.TMPDIR).toBe(before);
    expect(existsSync(runDir)).toBe(false);
  });

  it("fails the run (exit code 1) naming what was left, after removing it; the last of several projects checks", () => {
    const first = setupPrivateTmpdir(project);
    const second = setupPrivateTmpdir(project);
    const runDir = process.env.TMPDIR!;
    writeFileSync(join(runDir, "review-leak-1"), "x");
    mkdirSync(join(runDir, "harness-leak-2"));
    const exitCode = process.exitCode;
    try {
      expect(first).not.toThrow();
      expect(second).toThrow(LeftoverTempFilesError);
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = exitCode;
    }
    expect(existsSync(runDir)).toBe(false);
  });

  it("names up to 20 leftovers and counts the rest", () => {
    const names = Array.from({ length: 23 }, (_, i) => `leak-${String(i).padStart(2, "0")}`);
    const error = new LeftoverTempFilesError("cli", names);
    expect(error.message).toContain("cli: the test run left 23 entries");
    expect(error.message).toContain("leak-19, … (3 more)");
    expect(error.message).not.toContain("leak-20");
  });
});
