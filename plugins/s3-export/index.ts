import { randomBytes } from "node:crypto";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { RetryError } from "@posthog/plugin-scaffold";
import type { PluginMeta, ProcessedPluginEvent } from "@posthog/plugin-scaffold";
import { buildObjectKey } from "./lib/build-object-key.ts";
import { buildObjectUrl } from "./lib/build-object-url.ts";
import { readSettings, type S3Config, type S3Settings } from "./lib/read-settings.ts";
import { uploadObject } from "./lib/upload-object.ts";

type Meta = PluginMeta<S3Config, { settings: S3Settings }>;

/** Checks the config (no network call). @throws Error naming the missing setting */
export function setupPlugin(meta: Meta): void {
  meta.global.settings = readSettings(meta.config);
}

/**
 * Uploads the batch's non-ignored events as one JSON-lines object (compressed as configured).
 *
 * @throws RetryError when the upload fails (the host retries the batch)
 */
export async function exportEvents(events: ProcessedPluginEvent[], meta: Meta): Promise<void> {
  const { settings } = meta.global;
  const ignore = new Set(settings.eventsToIgnore);
  const kept = events.filter((event) => !ignore.has(event.event));
  if (kept.length === 0) return;
  const text = Buffer.from(kept.map((event) => JSON.stringify(event)).join("\n"), "utf8");
  const body = settings.compression === "gzip" ? gzipSync(text) : settings.compression === "brotli" ? brotliCompressSync(text) : text;
  const key = buildObjectKey(settings.prefix, new Date(), randomBytes(8).toString("hex"), settings.compression);
  try {
    await uploadObject(meta, settings, buildObjectUrl(settings, key), new Uint8Array(body));
  } catch (error) {
    meta.logger.error(`Error uploading to S3: ${error instanceof Error ? error.message : String(error)}`);
    throw new RetryError();
  }
  meta.logger.log(`Uploaded ${kept.length} event${kept.length === 1 ? "" : "s"} to bucket ${settings.bucket}`);
}
