import { resolveLimits } from "../limits-from-env.ts";

/**
 * Caps on what the supply step reads or downloads for one connector package. Every cap is checked
 * before the bytes it guards are kept, so an oversized package or archive is refused without filling
 * memory. Defaults are documented in SECURITY.md ("Limits").
 */
export interface SupplyLimits {
  /** Largest single file of a package, in bytes (default 4 MiB). */
  maxFileBytes: number;
  /** All files of a package together, in bytes (default 32 MiB). */
  maxTotalBytes: number;
  /** Number of files in a package (default 5,000). */
  maxFiles: number;
  /** Largest download (npm metadata, archive) in bytes (default 64 MiB). */
  maxDownloadBytes: number;
  /** Everything an archive unpacks to, in bytes, files outside the selected folder included (default 256 MiB). */
  maxUnpackedBytes: number;
  /** Entries in an archive (default 20,000). */
  maxEntries: number;
}

const MIB = 1024 * 1024;

/** The caps used when the caller sets none. */
export const DEFAULT_SUPPLY_LIMITS: Readonly<SupplyLimits> = Object.freeze({
  maxFileBytes: 4 * MIB,
  maxTotalBytes: 32 * MIB,
  maxFiles: 5000,
  maxDownloadBytes: 64 * MIB,
  maxUnpackedBytes: 256 * MIB,
  maxEntries: 20_000,
});

/** Environment variables that override each default (the CLI reads them; values in bytes or counts). */
export const SUPPLY_LIMIT_ENV: Readonly<Record<keyof SupplyLimits, string>> = Object.freeze({
  maxFileBytes: "CONNECTORS_MAX_FILE_BYTES",
  maxTotalBytes: "CONNECTORS_MAX_PACKAGE_BYTES",
  maxFiles: "CONNECTORS_MAX_PACKAGE_FILES",
  maxDownloadBytes: "CONNECTORS_MAX_DOWNLOAD_BYTES",
  maxUnpackedBytes: "CONNECTORS_MAX_UNPACKED_BYTES",
  maxEntries: "CONNECTORS_MAX_ARCHIVE_ENTRIES",
});

/**
 * The caps in force: the defaults, overridden by the environment (see {@link SUPPLY_LIMIT_ENV}),
 * overridden by what the caller passes.
 *
 * @example
 * resolveSupplyLimits({ maxFileBytes: 1024 }).maxFileBytes // 1024
 */
export function resolveSupplyLimits(limits: Partial<SupplyLimits> = {}, env: NodeJS.ProcessEnv = process.env): SupplyLimits {
  return resolveLimits(DEFAULT_SUPPLY_LIMITS, SUPPLY_LIMIT_ENV, limits, env);
}
