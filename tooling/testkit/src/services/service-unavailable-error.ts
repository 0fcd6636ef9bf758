import { ConnectorsError } from "@connectors/plugin-api";

/**
 * A real service a test run would start cannot run here (its binary is missing or cannot start). Its message
 * is the one line suites print when they skip: what is missing and how to fix it.
 */
export class ServiceUnavailableError extends ConnectorsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("SERVICE_UNAVAILABLE", message, options);
  }
}
