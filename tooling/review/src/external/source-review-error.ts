import { ConnectorsError } from "@connectors/plugin-api";

/**
 * A connector from outside the repository could not be reviewed at all: the source cannot be fetched,
 * is not a connector (no valid plugin.json, no entry file), or breaks the supply caps (archive size,
 * entry count, a refused file). Distinct from a review that found problems: the CLI exits 2 for this.
 */
export class SourceReviewError extends ConnectorsError {
  /** The source as the user gave it (tokens in URLs masked). */
  readonly source: string;

  constructor(source: string, cause: string, options?: { cause?: unknown }) {
    super("REVIEW_SOURCE", `Cannot review ${source}: ${cause}`, options);
    this.source = source;
  }
}
