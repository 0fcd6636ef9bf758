import type { PluginAttachment } from "@posthog/plugin-scaffold";
import type { SchemaFile } from "./types.ts";

const TYPES = new Set(["number", "string", "boolean"]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A truthy option must be a boolean (falsy values count as "not set"). */
function badOption(value: unknown): boolean {
  return Boolean(value) && typeof value !== "boolean";
}

function hasInvalidOptions(file: Record<string, unknown>, schemas: Record<string, unknown>): boolean {
  if (badOption(file.onlyIngestEventsFromFile)) return true;
  return Object.values(schemas).some((eventSchema) => {
    if (!isObject(eventSchema) || badOption(eventSchema.acceptOnlySchemaProps) || !isObject(eventSchema.schema)) return true;
    return Object.values(eventSchema.schema).some((spec) => !isObject(spec) || badOption(spec.required) || !TYPES.has(spec.type as string));
  });
}

/**
 * Decodes and validates the schema attachment.
 *
 * @throws Error "Invalid JSON! …" (missing file or not JSON), "Your file has no specified schemas. …",
 *   "Your file has invalid option values."
 */
export function parseSchemaFile(attachment: PluginAttachment | undefined): SchemaFile {
  let file: unknown;
  try {
    const contents = attachment?.contents;
    const text = typeof contents === "string" ? contents : Buffer.from(contents!).toString("utf8");
    file = JSON.parse(text);
  } catch {
    throw new Error("Invalid JSON! Make sure your file has valid JSON.");
  }
  if (!isObject(file)) throw new Error("Invalid JSON! Make sure your file has valid JSON.");
  if (!file.eventSchemas) throw new Error("Your file has no specified schemas. Please specify at least one.");
  if (!isObject(file.eventSchemas) || hasInvalidOptions(file, file.eventSchemas)) throw new Error("Your file has invalid option values.");
  return file as unknown as SchemaFile;
}
