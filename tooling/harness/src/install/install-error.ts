import { ConnectorsError } from "@connectors/plugin-api";

/** Thrown when a connector cannot be installed from a source; the message names the source and the cause. */
export class InstallError extends ConnectorsError {
  readonly source: string;

  constructor(source: string, message: string, options?: { cause?: unknown }) {
    super("INSTALL", `Cannot install ${source}: ${message}`, options);
    this.source = source;
  }
}
