import { ConnectorsError } from "@connectors/plugin-api";

/** Thrown when registry.json has no valid signature from the pinned key. Never retried: the data is not trusted. */
export class SignatureError extends ConnectorsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("REGISTRY_SIGNATURE_INVALID", message, options);
  }
}

/** Thrown when a downloaded bundle's bytes do not match the catalog's `integrity` or `size`. */
export class IntegrityError extends ConnectorsError {
  constructor(message: string) {
    super("BUNDLE_INTEGRITY_MISMATCH", message);
  }
}

/** Thrown when asked for a connector version the catalog has revoked. */
export class RevokedConnectorError extends ConnectorsError {
  readonly slug: string;
  readonly version: string;

  constructor(revocation: { slug: string; version: string; reason: string }) {
    super(
      "CONNECTOR_REVOKED",
      `${revocation.slug}@${revocation.version} has been revoked: ${revocation.reason}. Fix: uninstall it, or install a newer version from the catalog.`,
    );
    this.slug = revocation.slug;
    this.version = revocation.version;
  }
}

/** Thrown when no trusted catalog is available: the network or signature failed and there is no last good copy. */
export class CatalogUnavailableError extends ConnectorsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("REGISTRY_UNAVAILABLE", message, options);
  }
}

/** Thrown when a signed catalog is not in a format this client understands (bad JSON, newer schemaVersion, missing fields). */
export class CatalogFormatError extends ConnectorsError {
  constructor(message: string) {
    super("REGISTRY_FORMAT_INVALID", message);
  }
}

/** Thrown when a connector or version is not in the catalog. */
export class ConnectorNotFoundError extends ConnectorsError {
  constructor(message: string) {
    super("CONNECTOR_NOT_FOUND", message);
  }
}

/**
 * Thrown when the newest signed catalog available is past its `signed.expiresAt`: a mirror that
 * keeps answering 304 (or replays an old copy) must not pin an instance to it, past its revocations.
 */
export class CatalogExpiredError extends ConnectorsError {
  readonly expiresAt: string;

  constructor(message: string, expiresAt: string) {
    super("REGISTRY_CATALOG_EXPIRED", message);
    this.expiresAt = expiresAt;
  }
}

/** Thrown when a signed catalog's `signed.generation` is lower than the highest one this instance has seen (a rollback). */
export class RollbackError extends ConnectorsError {
  readonly generation: number;
  readonly highWater: number;

  constructor(message: string, generation: number, highWater: number) {
    super("REGISTRY_ROLLBACK", message);
    this.generation = generation;
    this.highWater = highWater;
  }
}
