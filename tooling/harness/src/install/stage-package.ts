import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { isInside } from "../supply/is-inside.ts";
import { toPackagePath } from "../supply/package-path.ts";

/**
 * Writes files into a fresh staging folder inside `into` (`.staging-<slug>-XXXXXX`), every path
 * confined to it: a path that is not a canonical package path, or that would resolve outside the
 * folder, is refused, and files are created exclusively (never through an existing file or link).
 * The caller renames the folder into place with {@link promoteStaging}, or removes it.
 *
 * @throws Error naming the path that would leave the staging folder
 */
export function writeStaging(into: string, slug: string, files: ReadonlyMap<string, Buffer>): string {
  mkdirSync(into, { recursive: true });
  const staging = mkdtempSync(join(into, `.staging-${slug}-`));
  try {
    for (const [path, bytes] of files) {
      const safe = toPackagePath(path);
      const target = safe ? resolve(staging, safe) : undefined;
      if (!safe || safe !== path || !target || !isInside(staging, target) || target === staging) throw new Error(`refusing to write ${JSON.stringify(path)}: it is not a path inside the package`);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes, { flag: "wx", mode: 0o644 });
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return staging;
}

/**
 * Moves a staging folder to `target` in one rename. An existing `target` (a forced reinstall) is
 * first renamed aside and removed only after the new one is in place; on failure it is put back.
 */
export function promoteStaging(staging: string, target: string): void {
  const aside = `${staging}.previous`;
  let moved = false;
  try {
    try {
      renameSync(target, aside);
      moved = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    renameSync(staging, target);
  } catch (error) {
    if (moved) renameSync(aside, target);
    throw error;
  }
  if (moved) rmSync(aside, { recursive: true, force: true });
}
