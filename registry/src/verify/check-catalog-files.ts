import { lstat, readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { computeIntegrity, type UnsignedCatalog } from "@connectors/registry-client";

/** One file of a catalog directory that does not match registry.json's `files`. */
export interface FileProblem {
  path: string;
  problem: string;
}

/** The files registry.json itself, its signature and the public key: not listed in `files`. */
export const SIGNATURE_FILES = ["registry.json", "registry.json.sig", "registry.pub.pem"] as const;

async function listFiles(dir: string, root = dir): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(path, root)));
    else found.push(relative(root, path).split(sep).join("/"));
  }
  return found;
}

/** A relative path inside the catalog directory: `/`-separated names, no `.` or `..` segment. */
const PLAIN_PATH = /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[\w.@+-]+(?:\/[\w.@+-]+)*$/;

async function checkListed(dir: string, path: string, expected: { integrity: string; size: number }): Promise<string | undefined> {
  if (!PLAIN_PATH.test(path)) return "is not a plain relative path inside the catalog directory";
  const file = join(dir, path);
  const stat = await lstat(file).catch(() => undefined);
  if (!stat) return "is listed in registry.json but missing";
  if (!stat.isFile()) return "is not a regular file";
  const bytes = await readFile(file);
  if (bytes.byteLength !== expected.size) return `has ${bytes.byteLength} bytes, registry.json says ${expected.size}`;
  const actual = computeIntegrity(bytes);
  return actual === expected.integrity ? undefined : `integrity ${actual} does not match registry.json's ${expected.integrity}`;
}

/**
 * Compares a catalog directory with its registry.json: every listed file must be a regular file with
 * the listed size and sha256, every bundle must be listed with the bundle's own digest, and no other
 * file may be present (something that wrote into the directory after the build). Returns every
 * problem, sorted by path; an empty list means the directory is exactly what the build produced.
 */
export async function checkCatalogFiles(dir: string, catalog: UnsignedCatalog): Promise<FileProblem[]> {
  const problems: FileProblem[] = [];
  const listed = new Map(Object.entries(catalog.files ?? {}));
  const results = await Promise.all([...listed].map(async ([path, digest]) => ({ path, problem: await checkListed(dir, path, digest) })));
  for (const { path, problem } of results) if (problem) problems.push({ path, problem });
  for (const entry of catalog.connectors) {
    const digest = listed.get(entry.bundle.path);
    if (!digest || digest.integrity !== entry.bundle.integrity || digest.size !== entry.bundle.size) {
      problems.push({ path: entry.bundle.path, problem: `the bundle of ${entry.slug}@${entry.version} is not listed in files with its own size and integrity` });
    }
  }
  for (const path of await listFiles(dir)) {
    if (!listed.has(path) && !(SIGNATURE_FILES as readonly string[]).includes(path)) problems.push({ path, problem: "is not listed in registry.json (written after the build?)" });
  }
  return problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
