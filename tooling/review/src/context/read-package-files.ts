import { lstatSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import type { RefusedFile } from "../types.ts";

const SKIP_DIRS = new Set(["node_modules", "dist", "coverage", ".turbo", ".git", ".connectors"]);
const SKIP_FILES = new Set([".vitest-report.json", ".DS_Store"]);

/** What {@link readPackageFiles} read: package path → bytes, and every file it refused. */
export interface PackageFiles {
  files: Map<string, Buffer>;
  refused: RefusedFile[];
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== "" && !rel.startsWith("..") && !rel.startsWith(sep) && !rel.includes(`..${sep}`);
}

/**
 * Reads a connector folder of this repository the way the bundler may: regular files only, a
 * symlink only when its real path stays inside the package and is a regular file; links leaving the
 * package, dangling links, devices, FIFOs and sockets are refused (never read). `shown` prefixes
 * refused paths in messages (`plugins/x`).
 */
export function readPackageFiles(dir: string, shown: string): PackageFiles {
  const files = new Map<string, Buffer>();
  const refused: RefusedFile[] = [];
  let root: string;
  try {
    root = realpathSync(dir);
  } catch {
    return { files, refused };
  }
  const refuse = (path: string, message: string, fix: string) => refused.push({ file: `${shown}/${path}`, message, fix });
  const visit = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = prefix ? posix.join(prefix, name) : name;
      const absolute = join(folder, name);
      const stat = lstatSync(absolute);
      if (stat.isDirectory()) {
        if (!SKIP_DIRS.has(name)) visit(absolute, path);
      } else if (stat.isFile()) {
        if (!SKIP_FILES.has(name)) files.set(path, readFileSync(absolute));
      } else if (stat.isSymbolicLink()) {
        let target: string | undefined;
        try {
          target = realpathSync(absolute);
        } catch {
          target = undefined;
        }
        if (!target) refuse(path, "is a symlink to nothing (dangling)", "remove it or make it a regular file");
        else if (!isInside(root, target)) refuse(path, "is a symlink to a file outside the package: the bundler never reads it, and the review does not either", "copy the file into the package instead of linking to it");
        else if (!lstatSync(target).isFile()) refuse(path, "is a symlink to something that is not a regular file", "replace the link with a regular file");
        else files.set(path, readFileSync(target));
      } else refuse(path, "is not a regular file (a device, FIFO or socket)", "remove it: a package holds only regular files");
    }
  };
  visit(root, "");
  return { files, refused };
}
