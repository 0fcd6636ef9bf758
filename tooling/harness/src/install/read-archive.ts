import { gunzipSync, inflateRawSync } from "node:zlib";

/** Files of an archive: normalised relative path -> contents (directories left out). */
export type ArchiveFiles = Map<string, Buffer>;

function cString(buf: Buffer, start: number, length: number): string {
  const slice = buf.subarray(start, start + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end === -1 ? slice.length : end).toString("utf8");
}

function parsePax(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let offset = 0;
  while (offset < body.length) {
    const space = body.indexOf(0x20, offset);
    if (space === -1) break;
    const length = Number(body.subarray(offset, space).toString("ascii"));
    if (!length) break;
    const record = body.subarray(space + 1, offset + length - 1).toString("utf8");
    const eq = record.indexOf("=");
    out[record.slice(0, eq)] = record.slice(eq + 1);
    offset += length;
  }
  return out;
}

function safePath(path: string): string | undefined {
  const parts = path.replace(/\\/g, "/").split("/").filter((p) => p && p !== ".");
  if (parts.some((p) => p === "..") || path.startsWith("/")) return undefined;
  return parts.join("/");
}

/** Reads a tar (ustar/pax/GNU long names) archive's regular files. */
export function readTar(tar: Buffer): ArchiveFiles {
  const files: ArchiveFiles = new Map();
  let offset = 0;
  let longName: string | undefined;
  let pax: Record<string, string> = {};
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(cString(header, 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(header[156]!);
    const prefix = cString(header, 345, 155);
    let name = cString(header, 0, 100);
    if (prefix) name = `${prefix}/${name}`;
    const body = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === "L") {
      longName = cString(body, 0, body.length);
      continue;
    }
    if (type === "x") {
      pax = parsePax(body);
      continue;
    }
    if (type === "g") continue;
    const path = safePath(pax.path ?? longName ?? name);
    longName = undefined;
    pax = {};
    if ((type === "0" || type === "\0" || type === "7") && path) files.set(path, Buffer.from(body));
  }
  return files;
}

/** Reads a zip archive's files (stored or deflated entries). */
export function readZip(zip: Buffer): ArchiveFiles {
  const files: ArchiveFiles = new Map();
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) throw new Error("not a zip archive (no end of central directory)");
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error("corrupt zip central directory");
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString("utf8");
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/")) continue;
    const localNameLength = zip.readUInt16LE(localOffset + 26);
    const localExtraLength = zip.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const data = zip.subarray(start, start + compressedSize);
    const path = safePath(name);
    if (!path) continue;
    if (method === 0) files.set(path, Buffer.from(data));
    else if (method === 8) files.set(path, inflateRawSync(data));
    else throw new Error(`zip entry ${name} uses unsupported compression method ${method}`);
  }
  return files;
}

/** Reads a .zip, .tar.gz/.tgz or .tar archive, recognised by its first bytes. */
export function readArchive(bytes: Buffer): ArchiveFiles {
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return readZip(bytes);
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return readTar(gunzipSync(bytes));
  if (bytes.length >= 512 && bytes.subarray(257, 262).toString("latin1") === "ustar") return readTar(bytes);
  throw new Error("not a .zip, .tar.gz or .tar archive");
}
