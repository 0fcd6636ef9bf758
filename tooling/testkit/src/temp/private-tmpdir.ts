import { chmodSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

/** A private temp dir: what is left in it, and removing it. */
export interface PrivateTmpdir {
  readonly path: string;
  /** Names of the entries still in the directory. */
  leftovers(): string[];
  /** Removes the directory and everything in it. */
  remove(): void;
}

/**
 * Makes a private temp dir under `parent` for a test run or one test file. It is traversable (mode 711)
 * so a service started as another user (the embedded PostgreSQL runs as `postgres` when started as root)
 * can reach directories a test opens for it inside, but no one else can list or write it.
 *
 * @param parent - the directory to make it in
 * @param prefix - the start of its name (the rest is random)
 */
export function openPrivateTmpdir(parent: string, prefix: string): PrivateTmpdir {
  const path = mkdtempSync(join(parent, prefix));
  chmodSync(path, 0o711);
  return {
    path,
    leftovers: () => readdirSync(path).sort(),
    remove: () => rmSync(path, { recursive: true, force: true, maxRetries: 3 }),
  };
}
