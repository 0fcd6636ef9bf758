import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

const FILE = "catalog-high-water.json";

/**
 * The highest catalog generation this instance accepted, persisted in `dir`; undefined when none was
 * recorded or the file is unreadable (the caller then falls back to the last good copy's generation).
 */
export async function readHighWater(dir: string): Promise<number | undefined> {
  try {
    const value = (JSON.parse(await readFile(join(dir, FILE), "utf8")) as { generation?: unknown }).generation;
    return typeof value === "number" && Number.isSafeInteger(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Records `generation` as the high-water mark in `dir` when it is higher than the recorded one.
 * Written atomically (temp file + rename) and never lowered, so a restart cannot be rolled back.
 */
export async function raiseHighWater(dir: string, generation: number): Promise<void> {
  const current = await readHighWater(dir);
  if (current !== undefined && current >= generation) return;
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `${FILE}.${process.pid}.${Date.now()}.tmp`);
  await writeFile(temp, `${JSON.stringify({ generation })}\n`);
  await rename(temp, join(dir, FILE));
}
