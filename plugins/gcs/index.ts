import { randomBytes } from "node:crypto";
import { toEventValues } from "@connectors/connector-kit";
import { createTokenProvider, type TokenProvider } from "@connectors/google-auth";
import { RetryError } from "@posthog/plugin-scaffold";
import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { buildObjectName } from "./lib/build-object-name.ts";
import { readSettings, type GcsSettings } from "./lib/read-settings.ts";
import { toCsv } from "./lib/to-csv.ts";
import { uploadObject } from "./lib/upload-object.ts";

type Meta = PluginMeta<{ bucketName?: string; exportEventsToIgnore?: string }, { settings: GcsSettings; tokens: TokenProvider }>;

/** Scope of the access token. */
const SCOPE = "https://www.googleapis.com/auth/devstorage.read_write";

/** Checks the key file and bucket name (no network call). @throws Error naming what is missing */
export function setupPlugin(meta: Meta): void {
  const settings = readSettings(meta.config, meta.attachments.googleCloudKeyJson);
  meta.global.settings = settings;
  meta.global.tokens = createTokenProvider({ account: settings.account, scope: SCOPE, fetch: meta.fetch });
}

/** Uploads the batch's non-ignored events as one CSV object. @throws RetryError when the token or the upload fails */
export async function exportEvents(events: ProcessedPluginEvent[], meta: Meta): Promise<void> {
  const { settings, tokens } = meta.global;
  const ignore = new Set(settings.eventsToIgnore);
  const rows = events.filter((event) => !ignore.has(event.event.trim())).map(toEventValues);
  if (rows.length === 0) return;
  const name = buildObjectName(new Date(), randomBytes(8).toString("hex"));
  try {
    await uploadObject(meta, tokens, settings.bucket, name, toCsv(rows));
  } catch (error) {
    meta.logger.error(`Failed to upload ${rows.length} event${rows.length === 1 ? "" : "s"} to GCS. Retrying later. (${error instanceof Error ? error.message : String(error)})`);
    throw new RetryError();
  }
  meta.logger.log(`Uploaded ${rows.length} event${rows.length === 1 ? "" : "s"} to gs://${settings.bucket}/${name}`);
}
