import { ConnectorsError } from "@connectors/plugin-api";

/**
 * `connectors submit` could not bring a connector in: the source cannot be read (the same refusals as
 * install), the slug is taken, the checkout is not a clean git workspace, or git failed. Nothing is
 * left behind: no branch, no files.
 */
export class SubmitError extends ConnectorsError {
  constructor(source: string, cause: string, options?: { cause?: unknown }) {
    super("SUBMIT", `Cannot submit ${source}: ${cause}`, options);
  }
}
