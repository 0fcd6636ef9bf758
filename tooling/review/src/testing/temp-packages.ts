import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Throwaway package folders outside any repository, for tests of outside sources. */
export interface TempPackages {
  /** Writes `files` (package path → text) into a new temp folder and returns its path. */
  write(files: Record<string, string>): string;
  /** Removes every folder written so far. */
  cleanup(): void;
}

/** Creates a {@link TempPackages}; call `cleanup()` after each test. */
export function createTempPackages(prefix = "outside-connector-"): TempPackages {
  const dirs: string[] = [];
  return {
    write(files) {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      return dir;
    },
    cleanup() {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
