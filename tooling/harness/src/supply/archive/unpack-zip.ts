import { fromBuffer, type Entry, type ZipFile } from "yauzl";
import { findOverlappingZipEntries } from "./find-overlapping-zip-entries.ts";
import type { ArchiveCollector } from "./unpacked-archive.ts";

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;

function openZip(bytes: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) => (error ? reject(error) : resolve(zip))));
}

function listEntries(zip: ZipFile, collector: ArchiveCollector): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on("entry", (entry: Entry) => {
      if (!collector.countEntry()) return resolve(entries);
      entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", reject);
    zip.readEntry();
  });
}

function readContents(zip: ZipFile, entry: Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => resolve(Buffer.concat(chunks)));
      stream.on("error", reject);
    });
  });
}

/** Unix file type of an entry made on a Unix system (undefined when the zip does not say). */
function unixType(entry: Entry): number | undefined {
  const mode = entry.externalFileAttributes >>> 16;
  return entry.versionMadeBy >>> 8 === 3 && mode !== 0 ? mode & S_IFMT : undefined;
}

/**
 * Reads a zip with yauzl. Before anything is inflated, the central directory is checked: entry
 * count, names (absolute, `..`, duplicates), symlinks and other non-regular entries, encryption,
 * overlapping entries, and the declared sizes against the caps; inflating then checks that every
 * entry is exactly its declared size, so a lying header cannot unpack more.
 */
export async function unpackZip(bytes: Buffer, collector: ArchiveCollector): Promise<void> {
  const zip = await openZip(bytes);
  try {
    const entries = await listEntries(zip, collector);
    const overlapping = new Set(findOverlappingZipEntries(bytes, entries.map((e) => ({ name: e.fileName, offset: e.relativeOffsetOfLocalHeader, compressedSize: e.compressedSize }))));
    const wanted: Array<{ entry: Entry; path: string }> = [];
    for (const entry of entries) {
      if (overlapping.has(entry.fileName)) collector.refuse(entry.fileName, "overlaps another entry of the zip (an overlapping-entry zip bomb?)", "rebuild the archive with a standard zip tool");
      else if (entry.fileName.endsWith("/")) continue;
      else if (unixType(entry) !== undefined && unixType(entry) !== S_IFREG) collector.refuse(entry.fileName, "is a symlink or another non-regular entry", "rebuild the archive with regular files only");
      else if (entry.isEncrypted()) collector.refuse(entry.fileName, "is encrypted", "publish an unencrypted archive");
      else {
        const path = collector.pathOf(entry.fileName);
        if (path) wanted.push({ entry, path });
      }
    }
    if (collector.issues.length) return;
    for (const { entry, path } of wanted) {
      if (!collector.countBytes(entry.uncompressedSize)) return;
      collector.keep(path, entry.uncompressedSize > collector.limits.maxFileBytes ? entry.uncompressedSize : await readContents(zip, entry));
    }
  } finally {
    zip.close();
  }
}
