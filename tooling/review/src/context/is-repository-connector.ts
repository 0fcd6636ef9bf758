import { existsSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";

/**
 * True when `path` names a connector of the repository at `root`: `plugins/<slug>` (also one the
 * change deletes), or a bare slug that exists there. Anything else (a directory elsewhere, a `.tgz`,
 * an npm `name@version`, a URL) is a connector from outside the repository.
 */
export function isRepositoryConnector(root: string, cwd: string, path: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return false;
  const absolute = isAbsolute(path) ? path : resolve(cwd, path);
  const parts = relative(root, absolute).split(sep);
  if (parts.length === 2 && parts[0] === "plugins" && parts[1] && parts[1] !== "..") return true;
  return /^[a-z0-9][a-z0-9-]*$/.test(path) && existsSync(join(root, "plugins", path));
}
