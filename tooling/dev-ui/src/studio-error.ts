import { ConnectorsError } from "@connectors/plugin-api";

/** A problem at a place in a package file (1-based line and column). */
export interface SourceProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: "error" | "warning";
}

/**
 * A request the studio refuses, with the HTTP status to answer (4xx for the user's mistakes) and,
 * when one input is at fault, the field it names so the page can show the message next to it.
 */
export class StudioError extends ConnectorsError {
  readonly status: number;
  readonly field: string | undefined;
  /** Where in the package the problem is, for editor markers. */
  readonly problems: SourceProblem[];

  constructor(status: number, message: string, options: { field?: string; problems?: SourceProblem[]; cause?: unknown } = {}) {
    super("STUDIO", message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = status;
    this.field = options.field;
    this.problems = options.problems ?? [];
  }
}
