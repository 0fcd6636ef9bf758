/** Where one zip entry's bytes lie in the archive: its local header and its compressed data. */
export interface ZipEntrySpan {
  name: string;
  /** Offset of the local file header. */
  offset: number;
  compressedSize: number;
}

const LOCAL_HEADER = 0x04034b50;

function endOf(zip: Buffer, span: ZipEntrySpan): number | undefined {
  if (span.offset + 30 > zip.length || zip.readUInt32LE(span.offset) !== LOCAL_HEADER) return undefined;
  return span.offset + 30 + zip.readUInt16LE(span.offset + 26) + zip.readUInt16LE(span.offset + 28) + span.compressedSize;
}

/*
 * yauzl reads each entry where the central directory says, without checking that entries are
 * disjoint; an "overlapping" zip bomb points many entries at one shared compressed stream (a 104 KiB
 * file reached 2.8 GiB). This check is ours: it sorts the entries by offset and requires each entry's
 * local header + data to end before the next one starts (fuzzed in unpack-archive.test.ts).
 */

/**
 * Names of entries whose local header or data overlaps another entry's, or that point outside the
 * archive or at no local header. Empty for a well-formed zip.
 */
export function findOverlappingZipEntries(zip: Buffer, spans: readonly ZipEntrySpan[]): string[] {
  const bad = new Set<string>();
  const sorted = [...spans].sort((a, b) => a.offset - b.offset);
  let previous: { name: string; end: number } | undefined;
  for (const span of sorted) {
    const end = endOf(zip, span);
    if (end === undefined || end > zip.length) {
      bad.add(span.name);
      continue;
    }
    if (previous && span.offset < previous.end) {
      bad.add(span.name);
      bad.add(previous.name);
    }
    if (!previous || end > previous.end) previous = { name: span.name, end };
  }
  return [...bad];
}
