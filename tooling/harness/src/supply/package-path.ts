import { posix } from "node:path";

/**
 * A path inside a package in its one canonical form (`lib/x.ts`: forward slashes, no `.` segments),
 * or undefined when it is absolute, names a drive, climbs out with `..`, is empty or holds a NUL
 * byte. Every path that comes from a manifest, an archive entry or an import is checked with this
 * before it is looked up, so nothing outside the package can be named.
 *
 * @example
 * toPackagePath("./lib/../index.ts") // "index.ts"
 * toPackagePath("../../etc/passwd") // undefined
 */
export function toPackagePath(path: string): string | undefined {
  if (!path || path.includes("\0")) return undefined;
  const slashed = path.replace(/\\/g, "/");
  if (slashed.startsWith("/") || /^[a-zA-Z]:/.test(slashed)) return undefined;
  const normal = posix.normalize(slashed).replace(/\/+$/, "");
  if (normal === "." || normal === ".." || normal.startsWith("../")) return undefined;
  return normal;
}

/** The package path `specifier` (a relative import) names from the file `importer`, or undefined when it leaves the package. */
export function joinPackagePath(importer: string, specifier: string): string | undefined {
  if (specifier.startsWith("/")) return undefined;
  return toPackagePath(posix.join(posix.dirname(importer), specifier));
}
