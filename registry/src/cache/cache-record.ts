import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** Reads a JSON cache record; undefined when it is missing or unreadable (a cache miss, never an error). */
export async function readCacheRecord<T>(file: string): Promise<T | undefined> {
  return readFile(file, "utf8").then((text) => JSON.parse(text) as T, () => undefined);
}

/** Writes a JSON cache record atomically (temp file + rename), so a crash or a parallel build never leaves half a record. */
export async function writeCacheRecord(file: string, record: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(record));
  await rename(temp, file);
}
