import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * Replaces `outDir` with exactly `files` (paths relative to it): everything is written to a sibling
 * temp directory first, then swapped in, so a failed build never leaves a half-written catalog and
 * stale bundles never linger.
 */
export async function writeDist(outDir: string, files: Map<string, Buffer | string>): Promise<void> {
  const temp = `${outDir}.tmp-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  for (const [path, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = join(temp, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  await mkdir(temp, { recursive: true });
  await rm(outDir, { recursive: true, force: true });
  await mkdir(dirname(outDir), { recursive: true });
  await rename(temp, outDir);
}
