import { ConnectorsError } from "@connectors/plugin-api";

/** Thrown when a connector cannot be installed from a source; the message names the source and the cause. */
export class InstallError extends ConnectorsError {
  readonly source: string;
  /** The cause in words, without the "Cannot install <source>:" prefix. */
  readonly reason: string;

  constructor(source: string, reason: string, options?: { cause?: unknown }) {
    super("INSTALL", `Cannot install ${source}: ${reason}`, options);
    this.source = source;
    this.reason = reason;
  }
}
