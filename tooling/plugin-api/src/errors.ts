import { formatIssues, type Issue } from "./issues.ts";

/**
 * Base class of every error the connectors tooling throws. `code` is stable and machine-readable;
 * the message says what failed, where, and how to fix it.
 */
export class ConnectorsError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Thrown when a `plugin.json` is missing, is not JSON, or does not match the manifest schema. */
export class ManifestError extends ConnectorsError {
  readonly file: string;
  readonly issues: Issue[];

  constructor(file: string, issues: Issue[], options?: { cause?: unknown }) {
    super("MANIFEST_INVALID", `${file} is not a valid plugin manifest:\n${formatIssues(issues, file)}`, options);
    this.file = file;
    this.issues = issues;
  }
}

/** Thrown when a connector's config does not match the schema derived from its plugin.json. */
export class ConfigError extends ConnectorsError {
  readonly plugin: string;
  readonly issues: Issue[];

  constructor(plugin: string, issues: Issue[]) {
    super("CONFIG_INVALID", `Invalid config for connector "${plugin}":\n${formatIssues(issues)}`);
    this.plugin = plugin;
    this.issues = issues;
  }
}

/**
 * The error a connector throws for a transient failure; the host retries the work later
 * (exportEvents: up to 3 retries after 6 s, 12 s, 24 s). Any other error is permanent.
 * Compatible with `@posthog/plugin-scaffold`'s `RetryError`; hosts recognise it by `name`.
 */
export class RetryError extends Error {
  _attempt?: number;
  _maxAttempts?: number;

  constructor(message?: string) {
    super(message);
    this.name = "RetryError";
  }

  override toString(): string {
    const attempt = this._attempt && this._maxAttempts ? ` (attempt ${this._attempt}/${this._maxAttempts})` : "";
    return `RetryError${attempt}: ${this.message}`;
  }
}

/** True for a `RetryError` from this package, from `@posthog/plugin-scaffold`, or made in a sandbox. */
export function isRetryError(error: unknown): error is RetryError {
  return error instanceof Error && error.name === "RetryError";
}
