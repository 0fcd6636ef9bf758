import { errorIssue, type Issue } from "@connectors/plugin-api";
import { toPackagePath } from "../package-path.ts";
import type { SupplyLimits } from "../supply-limits.ts";

/**
 * What an archive held: its regular files by normalised path (files over the per-file cap are only
 * listed, with their size, so the refusal can name them if they turn out to be part of the package).
 */
export interface UnpackedArchive {
  files: Map<string, Buffer>;
  oversized: Map<string, number>;
}

/** Collects the entries of one archive under the supply caps, turning every unsafe entry into an issue. */
export class ArchiveCollector {
  readonly files = new Map<string, Buffer>();
  readonly oversized = new Map<string, number>();
  readonly issues: Issue[] = [];
  #entries = 0;
  #unpacked = 0;

  constructor(readonly limits: SupplyLimits) {}

  /** Counts an entry; false (with an issue) once there are too many. */
  countEntry(): boolean {
    this.#entries += 1;
    if (this.#entries <= this.limits.maxEntries) return true;
    if (this.#entries === this.limits.maxEntries + 1) this.refuse("", `the archive has more than ${this.limits.maxEntries} entries`, "publish a smaller package, or raise maxEntries (CONNECTORS_MAX_ARCHIVE_ENTRIES)");
    return false;
  }

  /** Counts unpacked bytes; false (with an issue) once the archive unpacks to more than the cap. */
  countBytes(bytes: number): boolean {
    this.#unpacked += bytes;
    if (this.#unpacked <= this.limits.maxUnpackedBytes) return true;
    if (!this.issues.some((issue) => issue.message.startsWith("the archive unpacks to more than"))) {
      this.refuse("", `the archive unpacks to more than ${this.limits.maxUnpackedBytes} bytes (a compression bomb?)`, "publish a smaller package, or raise maxUnpackedBytes (CONNECTORS_MAX_UNPACKED_BYTES)");
    }
    return false;
  }

  /** The safe path of an entry name, or undefined (with an issue) for an absolute path, `..` or a duplicate. */
  pathOf(name: string): string | undefined {
    const path = toPackagePath(name);
    if (!path) {
      this.refuse(name, "is an absolute path or climbs out of the archive with ..", "rebuild the archive with relative paths inside the package");
      return undefined;
    }
    if (this.files.has(path) || this.oversized.has(path)) {
      this.refuse(name, "appears twice in the archive", "rebuild the archive so every file appears once");
      return undefined;
    }
    return path;
  }

  /** Keeps a file, or lists it as oversized. */
  keep(path: string, bytes: Buffer | number): void {
    if (typeof bytes === "number") this.oversized.set(path, bytes);
    else this.files.set(path, bytes);
  }

  refuse(path: string, message: string, fix: string): void {
    this.issues.push(errorIssue(path, message, fix));
  }

  result(): UnpackedArchive {
    return { files: this.files, oversized: this.oversized };
  }
}
