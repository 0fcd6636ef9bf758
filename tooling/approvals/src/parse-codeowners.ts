/** Turns a CODEOWNERS pattern into a RegExp over repo-relative paths (GitHub's gitignore-like rules). */
function patternToRegExp(pattern: string): RegExp {
  const anchored = pattern.startsWith("/") || pattern.replace(/\/$/, "").includes("/");
  let p = pattern.replace(/^\//, "");
  const dir = p.endsWith("/");
  if (dir) p = p.slice(0, -1);
  const body = p
    .split("**")
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]"))
    .join(".*");
  return new RegExp(`${anchored ? "^" : "(^|/)"}${body}${dir ? "/" : "(/|$)"}`);
}

/**
 * The owners of `path` in a CODEOWNERS file: the owners of the last matching rule (later lines
 * win), as written (`@login`, `@org/team`, emails). Pure.
 *
 * @example
 * ownersOf("* @a\n/registry/ @b @org/team\n", "registry/approved.json") // ["@b", "@org/team"]
 */
export function ownersOf(codeowners: string, path: string): string[] {
  let owners: string[] = [];
  for (const raw of codeowners.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (!line) continue;
    const [pattern, ...rest] = line.split(/\s+/);
    if (pattern === "*" || patternToRegExp(pattern!).test(path)) owners = rest;
  }
  return owners;
}

/** The file whose CODEOWNERS owners are the maintainers who may approve and revoke. */
export const APPROVALS_PATH = "registry/approved.json";
