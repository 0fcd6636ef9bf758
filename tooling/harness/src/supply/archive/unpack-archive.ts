import { errorIssue } from "@connectors/plugin-api";
import { SupplyError } from "../supply-error.ts";
import type { SupplyLimits } from "../supply-limits.ts";
import { unpackTar } from "./unpack-tar.ts";
import { unpackZip } from "./unpack-zip.ts";
import { ArchiveCollector, type UnpackedArchive } from "./unpacked-archive.ts";

type Format = "zip" | "tar.gz" | "tar";

function formatOf(bytes: Buffer): Format | undefined {
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return "zip";
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x06054b50) return "zip";
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return "tar.gz";
  if (bytes.length >= 512 && bytes.subarray(257, 262).toString("latin1") === "ustar") return "tar";
  return undefined;
}

/**
 * Unpacks a .zip, .tar.gz/.tgz or .tar (recognised by its first bytes) into memory with well-kept
 * libraries (yauzl, tar-stream), under the supply caps: entry count, total unpacked bytes, per-file
 * size. Every unsafe entry (absolute or `..` path, duplicate, link, device, overlapping zip entry) is
 * refused; nothing is written anywhere.
 *
 * @throws SupplyError naming every refused entry, or saying the bytes are not a readable archive
 */
export async function unpackArchive(bytes: Buffer, label: string, limits: SupplyLimits): Promise<UnpackedArchive> {
  const format = formatOf(bytes);
  if (!format) throw new SupplyError(label, [errorIssue("", "is not a .zip, .tar.gz or .tar archive", "point at a package archive (npm pack output, a GitHub/GitLab archive)")]);
  const collector = new ArchiveCollector(limits);
  try {
    if (format === "zip") await unpackZip(bytes, collector);
    else await unpackTar(bytes, format === "tar.gz", collector);
  } catch (error) {
    if (!collector.issues.length) collector.refuse("", `is not a readable ${format} archive (${error instanceof Error ? error.message : String(error)})`, "download it again, or rebuild it with a standard tool");
  }
  if (collector.issues.length) throw new SupplyError(label, collector.issues);
  return collector.result();
}
