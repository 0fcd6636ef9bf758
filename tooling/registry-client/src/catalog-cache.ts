import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The last catalog that passed signature verification, as stored on disk. */
export interface CachedCatalog {
  /** The exact bytes of registry.json, as UTF-8 text. */
  registry: string;
  /** The text of registry.json.sig. */
  signature: string;
  /** The ETag the server sent with registry.json, for If-None-Match. */
  etag?: string;
  /** Where it was fetched from. */
  url: string;
}

const FILE = "last-good-catalog.json";

/**
 * Reads the last good copy from `dir`, or undefined when there is none or it is unreadable. The
 * caller verifies the signature again before trusting it.
 */
export async function readCachedCatalog(dir: string): Promise<CachedCatalog | undefined> {
  try {
    const value = JSON.parse(await readFile(join(dir, FILE), "utf8")) as Partial<CachedCatalog>;
    if (typeof value.registry !== "string" || typeof value.signature !== "string" || typeof value.url !== "string") return undefined;
    return value as CachedCatalog;
  } catch {
    return undefined;
  }
}

/** Stores a verified catalog in `dir` atomically (temp file + rename): a crash never leaves half a copy. */
export async function writeCachedCatalog(dir: string, cached: CachedCatalog): Promise<void> {
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `${FILE}.${process.pid}.${Date.now()}.tmp`);
  await writeFile(temp, JSON.stringify(cached));
  await rename(temp, join(dir, FILE));
}
