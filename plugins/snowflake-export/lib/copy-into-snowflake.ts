import type { PluginMeta } from "@posthog/plugin-scaffold";
import { buildCopy } from "./build-sql.ts";
import type { SnowflakeSettings } from "./read-settings.ts";
import type { SnowflakeSession } from "./snowflake-session.ts";

/** Storage key of the staged file names waiting for COPY INTO. */
export const STAGED_FILES_KEY = "_files_staged_for_copy_into_snowflake";
export const FILES_PER_COPY = 50;
export const MAX_COPY_RETRIES = 15;

export type Meta = PluginMeta<Record<string, unknown>, { settings: SnowflakeSettings; session: SnowflakeSession }>;

/** Payload of `retryCopyIntoSnowflake`. */
export interface RetryCopyPayload {
  retriesPerformedSoFar: number;
  filesStagedForCopy: string[];
}

/** Runs `USE WAREHOUSE` and `COPY INTO` for these files. @throws SnowflakeError */
export async function copyFiles(meta: Meta, files: string[]): Promise<void> {
  const { settings, session } = meta.global;
  for (const statement of buildCopy(settings, files)) await session.execute(statement);
  if (settings.debug) meta.logger.log(`Copied ${files.length} staged file(s) into Snowflake`);
}

/**
 * Copies the staged files (respecting `copyCadenceMinutes` unless `force`): the first 50 now (enqueued for
 * retry if that fails), each further 50 as a `retryCopyIntoSnowflake` job in 3 s; then removes exactly the
 * file names it read from storage (files staged meanwhile stay).
 */
export async function copyIntoSnowflake(meta: Meta, force = false): Promise<void> {
  const files = (await meta.storage.get(STAGED_FILES_KEY, [])) as string[];
  if (files.length === 0) return;
  const now = Date.now();
  if (!force) {
    const lastRun = (await meta.cache.get("lastRun", null)) as number | null;
    if (lastRun && now - lastRun < meta.global.settings.copyCadenceMinutes * 60_000) return;
  }
  await meta.cache.set("lastRun", now);
  const chunks: string[][] = [];
  for (let i = 0; i < files.length; i += FILES_PER_COPY) chunks.push(files.slice(i, i + FILES_PER_COPY));
  try {
    await copyFiles(meta, chunks[0]!);
  } catch (error) {
    meta.logger.error(`COPY INTO Snowflake failed for ${chunks[0]!.length} file(s), retrying in 3 s: ${error instanceof Error ? error.message : String(error)}`);
    await meta.jobs.retryCopyIntoSnowflake!({ retriesPerformedSoFar: 0, filesStagedForCopy: chunks[0]! } satisfies RetryCopyPayload).runIn(3, "seconds");
  }
  for (const chunk of chunks.slice(1)) {
    await meta.jobs.retryCopyIntoSnowflake!({ retriesPerformedSoFar: 0, filesStagedForCopy: chunk } satisfies RetryCopyPayload).runIn(3, "seconds");
  }
  const read = new Set(files);
  const current = (await meta.storage.get(STAGED_FILES_KEY, [])) as string[];
  await meta.storage.set(STAGED_FILES_KEY, current.filter((name) => !read.has(name)));
}

/** The retry job: COPY again with back-off 3 s × 2^n, up to 15 retries; a dropped chunk is logged with its file names. */
export async function retryCopy(payload: RetryCopyPayload, meta: Meta): Promise<void> {
  const { retriesPerformedSoFar: n, filesStagedForCopy: files } = payload;
  if (n >= MAX_COPY_RETRIES || !meta.global.settings.retryCopy) {
    meta.logger.error(`Giving up on COPY INTO Snowflake for ${files.length} file(s) (they stay in the bucket): ${files.join(", ")}`);
    return;
  }
  try {
    await copyFiles(meta, files);
  } catch (error) {
    const delay = 2 ** n * 3;
    meta.logger.error(`COPY INTO Snowflake failed (retry ${n + 1}/${MAX_COPY_RETRIES} in ${delay} s): ${error instanceof Error ? error.message : String(error)}`);
    await meta.jobs.retryCopyIntoSnowflake!({ retriesPerformedSoFar: n + 1, filesStagedForCopy: files } satisfies RetryCopyPayload).runIn(delay, "seconds");
  }
}
