import type { Hash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Feeds every regular file under `dir` (recursively, sorted, test files included unless `skip`
 * says otherwise) into `hash` as path then bytes: the part of a cache key that changes whenever the
 * code that produced a cached result changes.
 */
export function hashSourceTree(hash: Hash, dir: string, skip: (name: string) => boolean = () => false): Hash {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !skip(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) hash.update(relative(dir, file)).update(readFileSync(file));
  return hash;
}
