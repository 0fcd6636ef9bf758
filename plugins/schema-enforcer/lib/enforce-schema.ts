import type { PluginEvent } from "@posthog/plugin-scaffold";
import type { SchemaFile } from "./types.ts";

/**
 * The event if it matches its schema (properties cut down to the schema's when
 * `acceptOnlySchemaProps`), else undefined. Absent (`undefined`/`null`) values fail only required
 * properties; present values must have the declared `typeof`.
 */
export function enforceSchema(event: PluginEvent, file: SchemaFile): PluginEvent | undefined {
  const eventSchema = file.eventSchemas[event.event];
  if (!eventSchema) return file.onlyIngestEventsFromFile ? undefined : event;
  const properties = event.properties ?? {};
  const valid: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(eventSchema.schema)) {
    const value = properties[name];
    if (value === undefined || value === null) {
      if (spec.required) return undefined;
      continue;
    }
    if (typeof value !== spec.type) return undefined;
    valid[name] = value;
  }
  if (eventSchema.acceptOnlySchemaProps) event.properties = valid;
  return event;
}
