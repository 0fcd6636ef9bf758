import { ConnectorsError, formatIssues, type Issue } from "@connectors/plugin-api";

/**
 * Thrown when a connector package (a directory, an archive or a download) is refused before anything
 * is written or evaluated: a file that is not a regular file inside the package, a path outside it,
 * an unsafe archive entry, or a cap exceeded. `issues` names every offending file and its fix.
 */
export class SupplyError extends ConnectorsError {
  /** What was being read: a directory path, "tarball x.tgz", "GitHub owner/repo", ... */
  readonly source: string;
  readonly issues: Issue[];

  constructor(source: string, issues: Issue[], options?: { cause?: unknown }) {
    super("SUPPLY_REFUSED", `Cannot read ${source}:\n${formatIssues(issues)}`, options);
    this.source = source;
    this.issues = issues;
  }
}
