import type { PluginEvent, PluginMeta } from "@posthog/plugin-scaffold";
import { enforceSchema } from "./lib/enforce-schema.ts";
import { parseSchemaFile } from "./lib/parse-schema-file.ts";
import type { SchemaFile } from "./lib/types.ts";

type Meta = PluginMeta<Record<string, never>, { schemaFile: SchemaFile }>;

/** Reads and validates the schema file (`eventSchemaFile` attachment). */
export function setupPlugin({ attachments, global }: Meta): void {
  global.schemaFile = parseSchemaFile(attachments.eventSchemaFile);
}

/** Keeps events that match their schema, drops the rest (and events not in the file when `onlyIngestEventsFromFile`). */
export function processEvent(event: PluginEvent, { global }: Meta): PluginEvent | undefined {
  return enforceSchema(event, global.schemaFile);
}
