import { randomBytes } from "node:crypto";
import { createTokenProvider, type TokenProvider } from "@connectors/google-auth";
import { RetryError } from "@posthog/plugin-scaffold";
import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { buildCreateStage, buildCreateTable } from "./lib/build-sql.ts";
import { copyIntoSnowflake, retryCopy, STAGED_FILES_KEY, type Meta as CopyMeta, type RetryCopyPayload } from "./lib/copy-into-snowflake.ts";
import { readSettings, type SnowflakeConfig, type SnowflakeSettings } from "./lib/read-settings.ts";
import { SnowflakeSession } from "./lib/snowflake-session.ts";
import { buildFileName, toStagedFile } from "./lib/to-staged-file.ts";
import { uploadStagedFile } from "./lib/upload-staged-file.ts";

type Meta = PluginMeta<SnowflakeConfig, { settings: SnowflakeSettings; session: SnowflakeSession; tokens?: TokenProvider }>;

/** Checks the config, logs in, creates the table and the stage. @throws Error on bad config or a refused login / statement */
export async function setupPlugin(meta: Meta): Promise<void> {
  const settings = readSettings(meta.config, meta.attachments.gcsCredentials);
  const session = new SnowflakeSession(meta, settings);
  await session.execute(buildCreateTable(settings));
  await session.execute(buildCreateStage(settings));
  meta.global.settings = settings;
  meta.global.session = session;
  if (settings.gcs) meta.global.tokens = createTokenProvider({ account: settings.gcs.account, scope: "https://www.googleapis.com/auth/devstorage.read_write", fetch: meta.fetch });
}

/** Stages the batch as one file in the bucket and remembers its name for COPY INTO. @throws RetryError when the upload fails */
export async function exportEvents(events: ProcessedPluginEvent[], meta: Meta): Promise<void> {
  const { settings } = meta.global;
  const ignore = new Set(settings.eventsToIgnore);
  const kept = events.filter((event) => !ignore.has(event.event.trim()));
  if (kept.length === 0) {
    meta.logger.log("Skipping an empty batch of events");
    return;
  }
  const name = buildFileName(settings.bucketPath, new Date(), randomBytes(8).toString("hex"));
  try {
    await uploadStagedFile(meta, settings, meta.global.tokens, name, toStagedFile(kept));
  } catch (error) {
    meta.logger.error(`Failed to stage ${kept.length} event(s) for Snowflake: ${error instanceof Error ? error.message : String(error)}`);
    throw new RetryError();
  }
  const staged = (await meta.storage.get(STAGED_FILES_KEY, [])) as string[];
  await meta.storage.set(STAGED_FILES_KEY, [...staged, name]);
  if (settings.debug) meta.logger.log(`Staged ${kept.length} event(s) in ${name}`);
}

/** Schedules two more copy attempts this minute (20 s, 40 s) and copies now if the cadence allows. */
export async function runEveryMinute(meta: Meta): Promise<void> {
  await meta.jobs.copyIntoSnowflakeJob!({}).runIn(20, "seconds");
  await meta.jobs.copyIntoSnowflakeJob!({}).runIn(40, "seconds");
  await copyIntoSnowflake(meta as unknown as CopyMeta);
}

/** Copies whatever is staged (ignoring the cadence), then ends the session; errors are logged, not thrown. */
export async function teardownPlugin(meta: Meta): Promise<void> {
  try {
    await copyIntoSnowflake(meta as unknown as CopyMeta, true);
  } catch (error) {
    meta.logger.error(`COPY INTO Snowflake at teardown failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  await meta.global.session.logout().catch(() => undefined);
}

export const jobs = {
  /** A copy attempt (cadence applies). */
  copyIntoSnowflakeJob: (_payload: unknown, meta: Meta) => copyIntoSnowflake(meta as unknown as CopyMeta),
  /** COPY of one chunk of files with back-off. */
  retryCopyIntoSnowflake: (payload: RetryCopyPayload, meta: Meta) => retryCopy(payload, meta as unknown as CopyMeta),
};
