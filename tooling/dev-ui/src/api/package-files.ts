import { lstatSync, readFileSync, readdirSync, realpathSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { toPackagePath } from "@connectors/harness";
import { StudioError } from "../studio-error.ts";

const EDITABLE = /\.(ts|mts|cts|js|mjs|cjs|json|md|txt|ya?ml)$/;
const SKIPPED_DIRS = new Set(["node_modules", "coverage", "dist", "test-results"]);
const MAX_FILES = 400;
/** Largest file the editor opens or saves. */
export const MAX_EDITABLE_BYTES = 1024 * 1024;

function walk(dir: string, prefix: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (out.length >= MAX_FILES || entry.name.startsWith(".")) continue;
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) walk(join(dir, entry.name), path, out);
    else if (entry.isFile() && EDITABLE.test(entry.name)) out.push(path);
  }
}

/** The package's text files the editor offers (entry and plugin.json first), node_modules and dot-files left out. */
export function listEditableFiles(dir: string, main: string): string[] {
  const files: string[] = [];
  walk(dir, "", files);
  const first = [main, "plugin.json"].filter((file) => files.includes(file));
  return [...first, ...files.filter((file) => !first.includes(file))];
}

/**
 * The absolute path of a package file named by the page, confined to the package: no `..`, no
 * absolute path, nothing under node_modules or a dot-folder, no symlink leading elsewhere, and only
 * the text types the editor handles.
 *
 * @throws StudioError 400 naming the path and why
 */
export function resolvePackageFile(dir: string, path: unknown): { path: string; file: string } {
  const canonical = typeof path === "string" ? toPackagePath(path) : undefined;
  if (!canonical) throw new StudioError(400, `"${String(path)}" is not a path inside the package: use a relative path such as "lib/send-event.ts"`, { field: "path" });
  const parts = canonical.split("/");
  if (parts.some((part) => SKIPPED_DIRS.has(part) || part.startsWith("."))) throw new StudioError(400, `"${canonical}" is not an editable package file (node_modules, build output and dot-files are not)`, { field: "path" });
  if (!EDITABLE.test(canonical)) throw new StudioError(400, `"${canonical}" is not a text file the editor handles (.ts, .js, .json, .md, .txt, .yaml)`, { field: "path" });
  const file = join(dir, ...parts);
  const root = realpathSync(dir);
  let existing = file;
  while (!safeLstat(existing)) existing = dirname(existing);
  const real = realpathSync(existing);
  const rel = relative(root, real);
  if (rel.startsWith(`..${sep}`) || rel === "..") throw new StudioError(400, `"${canonical}" leads outside the package (a symlink)`, { field: "path" });
  return { path: canonical, file };
}

function safeLstat(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Reads a package file for the editor. @throws StudioError 404 / 413 */
export function readPackageFile(dir: string, path: unknown): { path: string; text: string } {
  const target = resolvePackageFile(dir, path);
  const stat = safeLstat(target.file);
  if (!stat?.isFile()) throw new StudioError(404, `the package has no file "${target.path}"`, { field: "path" });
  if (stat.size > MAX_EDITABLE_BYTES) throw new StudioError(413, `"${target.path}" is over 1 MiB; edit it outside the studio`, { field: "path" });
  return { path: target.path, text: readFileSync(target.file, "utf8") };
}

/** Writes a package file whole (temporary file, then rename), so a reader never sees half of it. */
export function writePackageFile(file: string, text: string): void {
  const temporary = `${file}.studio-${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}
