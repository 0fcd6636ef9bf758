/** How bad a finding is: an `error` blocks, a `warning` is reported. */
export type Severity = "error" | "warning";

/**
 * One problem found by a validator: where it is (a JSON pointer such as `/config/2/choices`), what is
 * wrong, and how to fix it. Validators collect every issue and return them together.
 */
export interface Issue {
  path: string;
  message: string;
  severity: Severity;
  fix?: string;
}

/** The result of a validation: the value when it is usable, and every issue found either way. */
export type ValidationResult<T> =
  | { ok: true; value: T; issues: Issue[] }
  | { ok: false; value?: undefined; issues: Issue[] };

/** True when at least one issue is an error. */
export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((issue) => issue.severity === "error");
}

/**
 * Renders issues one per line: `<file> <path>: <message> (fix: <fix>)`.
 *
 * @example
 * formatIssues([{ path: "/name", message: "is required", severity: "error" }], "plugin.json")
 * // "  error  plugin.json /name: is required"
 */
export function formatIssues(issues: readonly Issue[], file?: string): string {
  return issues
    .map((issue) => {
      const where = [file, issue.path || "/"].filter(Boolean).join(" ");
      const fix = issue.fix ? ` Fix: ${issue.fix}` : "";
      return `  ${issue.severity.padEnd(7)}${where}: ${issue.message}${fix}`;
    })
    .join("\n");
}

/** Builds an error-level issue. */
export function errorIssue(path: string, message: string, fix?: string): Issue {
  return fix === undefined ? { path, message, severity: "error" } : { path, message, severity: "error", fix };
}

/** Builds a warning-level issue. */
export function warningIssue(path: string, message: string, fix?: string): Issue {
  return fix === undefined ? { path, message, severity: "warning" } : { path, message, severity: "warning", fix };
}
