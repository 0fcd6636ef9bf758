/** One property of an event schema. */
export interface PropertySpec {
  type: "string" | "number" | "boolean";
  required?: boolean;
}

/** The schema of one event name. */
export interface EventSchema {
  acceptOnlySchemaProps?: boolean;
  schema: Record<string, PropertySpec>;
}

/** The uploaded schema file. */
export interface SchemaFile {
  onlyIngestEventsFromFile?: boolean;
  eventSchemas: Record<string, EventSchema>;
}
