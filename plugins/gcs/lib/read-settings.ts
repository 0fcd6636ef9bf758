import { parseCredentialsFile } from "@connectors/connector-kit/google";
import type { ServiceAccount } from "@connectors/google-auth";
import type { PluginAttachment } from "@posthog/plugin-scaffold";

/** What setupPlugin derives from config and attachment. */
export interface GcsSettings {
  account: ServiceAccount;
  bucket: string;
  eventsToIgnore: string[];
}

/**
 * Checks attachment and bucket. No network call (the bucket's existence is not checked).
 *
 * @throws Error `Credentials JSON file not provided!`, `Table Name not provided!`, `Credentials JSON file has invalid JSON!`, or a missing key field
 */
export function readSettings(config: { bucketName?: string; exportEventsToIgnore?: string }, attachment: PluginAttachment | undefined): GcsSettings {
  if (!attachment) throw new Error("Credentials JSON file not provided!");
  if (!config.bucketName) throw new Error("Table Name not provided!");
  const account = parseCredentialsFile(attachment);
  const eventsToIgnore = (config.exportEventsToIgnore ?? "").split(",").map((name) => name.trim());
  return { account, bucket: config.bucketName, eventsToIgnore };
}
