import { ConnectorsError, formatIssues, type Issue } from "@connectors/plugin-api";

/**
 * Thrown when `registry build` cannot publish: names every connector that failed and why, so the
 * message alone tells the maintainer what to fix. Nothing is written to dist/ when it is thrown.
 */
export class RegistryBuildError extends ConnectorsError {
  readonly failures: ConnectorFailure[];

  constructor(failures: ConnectorFailure[]) {
    const lines = failures.map((f) => `- ${f.connector}: ${f.message}`).join("\n");
    super("REGISTRY_BUILD_FAILED", `registry build failed; nothing was published:\n${lines}`);
    this.failures = failures;
  }
}

/** One connector (or input file) that stopped the build, and why. */
export interface ConnectorFailure {
  /** `slug@version`, a directory under plugins/, or a file such as `registry/approved.json`. */
  connector: string;
  message: string;
}

/** Thrown when registry/approved.json is missing, not JSON, or does not match approved.schema.json. */
export class ApprovalsError extends ConnectorsError {
  readonly file: string;
  readonly issues: Issue[];

  constructor(file: string, issues: Issue[], options?: { cause?: unknown }) {
    super("APPROVALS_INVALID", `${file} is not a valid approvals record:\n${formatIssues(issues, file)}`, options);
    this.file = file;
    this.issues = issues;
  }
}

/** Thrown when no signing key can be loaded (bad PEM in CONNECTORS_SIGNING_KEY, or not Ed25519). */
export class SigningKeyError extends ConnectorsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("SIGNING_KEY_INVALID", message, options);
  }
}

/**
 * Thrown when `registry sign` refuses a catalog directory: registry.json unreadable or invalid, or
 * its files not exactly what the build listed. Nothing is signed or written then.
 */
export class CatalogSignError extends ConnectorsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("REGISTRY_SIGN_REFUSED", message, options);
  }
}
