import { relative, isAbsolute, sep } from "node:path";

/** True when `path` is `root` or lies below it (both absolute, already resolved). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/** Pseudo file systems a package never reads from, whatever a symlink or path says. */
const SYSTEM_ROOTS = ["/proc", "/sys", "/dev"];

/** True for a resolved path under /proc, /sys or /dev. */
export function isSystemPath(path: string): boolean {
  return SYSTEM_ROOTS.some((root) => isInside(root, path));
}
