import { deflateRawSync, gzipSync } from "node:zlib";
import { pack, type Header } from "tar-stream";
import { writeZip } from "../install/write-archive.ts";

/** One entry of a hand-made tar: any name, any type (links and devices included). */
export interface TarEntry {
  name: string;
  type?: Header["type"];
  linkname?: string;
  contents?: string | Buffer;
}

/** A gzipped tar with exactly these entries, unsafe ones included (tar-stream writes them as given). */
export async function tarGzOf(entries: TarEntry[]): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    tar.on("data", (chunk: unknown) => chunks.push(chunk as Buffer));
    tar.on("end", resolve);
    tar.on("error", reject);
  });
  for (const entry of entries) {
    const body = entry.contents === undefined ? undefined : Buffer.from(entry.contents);
    const header = { name: entry.name, type: entry.type ?? "file", ...(entry.linkname ? { linkname: entry.linkname } : {}), ...(body ? { size: body.length } : { size: 0 }) };
    await new Promise<void>((resolve, reject) => tar.entry(header, body ?? Buffer.alloc(0), (error) => (error ? reject(error) : resolve())));
  }
  tar.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

/**
 * An overlapping-entry zip bomb (Fifield's construction, simplified): one compressed kernel of
 * `kernelBytes` zeros, and `count` central-directory entries that all point at it.
 */
export function overlappingZip(count: number, kernelBytes: number): Buffer {
  const data = deflateRawSync(Buffer.alloc(kernelBytes));
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(kernelBytes, 22);
  local.writeUInt16LE(1, 26);
  const localPart = Buffer.concat([local, Buffer.from("k"), data]);
  const centrals: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const name = Buffer.from(`f${i}.js`);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(kernelBytes, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(0, 42);
    centrals.push(central, name);
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralDirectory, end]);
}

/** A zip whose one entry declares `declaredBytes` uncompressed but inflates to `realBytes` (a lying header). */
export function lyingZip(name: string, realBytes: number, declaredBytes: number): Buffer {
  const zip = Buffer.from(writeZip({ [name]: Buffer.alloc(realBytes) }));
  const central = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  zip.writeUInt32LE(declaredBytes, 22);
  zip.writeUInt32LE(declaredBytes, central + 24);
  return zip;
}
