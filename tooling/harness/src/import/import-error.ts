import { ConnectorsError } from "@connectors/plugin-api";

/** Thrown when a source-editor connector cannot be imported; names the source directory and the cause. */
export class ImportError extends ConnectorsError {
  constructor(source: string, message: string, options?: { cause?: unknown }) {
    super("IMPORT", `Cannot import ${source}: ${message}`, options);
  }
}
