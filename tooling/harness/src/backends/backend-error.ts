import { ConnectorsError } from "@connectors/plugin-api";

/** Thrown when a storage or cache backend cannot be reached or set up (the URL is never shown with its password). */
export class BackendError extends ConnectorsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("BACKEND", message, options);
  }
}

/** A connection URL safe to print: the password is replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "<invalid URL>";
  }
}
