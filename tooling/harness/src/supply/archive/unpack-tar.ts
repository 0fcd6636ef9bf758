import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { extract } from "tar-stream";
import type { ArchiveCollector } from "./unpacked-archive.ts";

const LINK_TYPES = new Set(["link", "symlink"]);

async function readEntry(entry: AsyncIterable<unknown>, size: number, collector: ArchiveCollector): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  for await (const raw of entry) {
    const chunk = raw as Buffer;
    if (!collector.countBytes(chunk.length)) return undefined;
    if (size <= collector.limits.maxFileBytes) chunks.push(chunk);
  }
  return size <= collector.limits.maxFileBytes ? Buffer.concat(chunks) : undefined;
}

/**
 * Reads a tar or gzipped tar with tar-stream (ustar, pax and GNU long names), streaming: gzip output
 * is counted against the unpacked-size cap as it is produced, so a compression bomb stops early.
 * Symlinks, hard links, devices and FIFOs are refused, as are absolute paths, `..` and duplicates.
 */
export async function unpackTar(bytes: Buffer, gzipped: boolean, collector: ArchiveCollector): Promise<void> {
  const reader = extract();
  const source = Readable.from([bytes]);
  const done = gzipped ? pipeline(source, createGunzip(), reader) : pipeline(source, reader);
  done.catch(() => undefined);
  try {
    for await (const entry of reader) {
      const { name, type, size } = entry.header;
      if (!collector.countEntry()) break;
      if (type === "directory") {
        entry.resume();
        continue;
      }
      if (type !== "file" && type !== "contiguous-file") {
        collector.refuse(name, LINK_TYPES.has(type) ? `is a ${type === "link" ? "hard link" : "symlink"} (to ${JSON.stringify(entry.header.linkname)})` : `is a ${type} entry`, "rebuild the archive with regular files only");
        entry.resume();
        continue;
      }
      const path = collector.pathOf(name);
      const contents = await readEntry(entry, size, collector);
      if (collector.issues.some((issue) => issue.message.startsWith("the archive unpacks to more than"))) break;
      if (path) collector.keep(path, contents ?? size);
    }
  } finally {
    reader.destroy();
    source.destroy();
  }
  await done.catch((error: unknown) => {
    if (collector.issues.length === 0) throw error;
  });
}
