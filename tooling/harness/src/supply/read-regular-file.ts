import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

/** Why a file could not be read as a regular file. */
export type IrregularReason = "not-regular" | "too-large" | "unreadable";

/** The outcome of {@link readRegularFile}. */
export type RegularFileResult = { ok: true; bytes: Buffer } | { ok: false; reason: IrregularReason; size?: number; detail?: string };

const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a file only if, at the moment it is opened, it is a regular file no larger than `maxBytes`.
 * It is opened without following a final symlink and without blocking (a FIFO swapped in after a
 * check neither blocks nor is read), and the size check runs on the open descriptor, so what was
 * checked is what is read.
 */
export function readRegularFile(path: string, maxBytes: number): RegularFileResult {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === "ELOOP" ? "not-regular" : "unreadable", detail: code ?? String(error) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: "not-regular" };
    if (stat.size > maxBytes) return { ok: false, reason: "too-large", size: stat.size };
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { ok: true, bytes: read === stat.size ? bytes : bytes.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}
