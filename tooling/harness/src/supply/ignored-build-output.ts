import { existsSync, lstatSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";

interface IgnoreLevel {
  dir: string;
  rules: Ignore;
}

const MAX_GITIGNORE_BYTES = 256 * 1024;

function readGitignore(dir: string): Ignore | undefined {
  const file = join(dir, ".gitignore");
  try {
    const stat = lstatSync(file);
    if (!stat.isFile() || stat.size > MAX_GITIGNORE_BYTES) return undefined;
    return ignore().add(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** The package folder and its ancestors up to the enclosing git work tree's root (just the folder outside one). */
function gitignoreDirs(root: string): string[] {
  const dirs = [root];
  for (let dir = root; !existsSync(join(dir, ".git")); ) {
    const parent = dirname(dir);
    if (parent === dir) return [root];
    dirs.push(parent);
    dir = parent;
  }
  return dirs;
}

/**
 * A test for paths of a package (posix, relative to `root`; folders end with `/`) that git ignores: build
 * output such as `dist/`, logs and reports. The rules are the `.gitignore` files of the package and of its
 * folders up to the enclosing git work tree's root (e.g. the workspace's `dist/`), or the package's own
 * outside a work tree. Each level's rules match paths relative to its folder; a negation in a deeper file
 * does not re-include what a shallower one ignores (the common case, kept simple). `ignore` does the
 * gitignore pattern matching.
 */
export function ignoredBuildOutput(root: string): (path: string) => boolean {
  const levels: IgnoreLevel[] = gitignoreDirs(root).flatMap((dir) => {
    const rules = readGitignore(dir);
    return rules ? [{ dir, rules }] : [];
  });
  if (levels.length === 0) return () => false;
  return (path) => levels.some(({ dir, rules }) => rules.ignores(join(relative(dir, root), path).split(sep).join("/") + (path.endsWith("/") ? "/" : "")));
}
