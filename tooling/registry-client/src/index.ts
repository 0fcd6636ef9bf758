export { CATALOG_SCHEMA_VERSION } from "./catalog-types.ts";
export type {
  Catalog,
  CatalogApproval,
  CatalogBundle,
  CatalogDeprecation,
  CatalogEntry,
  CatalogGeneration,
  CatalogSignature,
  ConnectorCapabilities,
  ConnectorStatus,
  ConnectorType,
  FileDigest,
  Revocation,
  SupportLevel,
  UnsignedCatalog,
} from "./catalog-types.ts";
export {
  CatalogExpiredError,
  CatalogFormatError,
  CatalogUnavailableError,
  ConnectorNotFoundError,
  IntegrityError,
  RevokedConnectorError,
  RollbackError,
  SignatureError,
} from "./errors.ts";
export { DownloadError, fetchBytes, type FetchBytesOptions, type FetchOutcome } from "./fetch-bytes.ts";
export { computeIntegrity, verifyIntegrity } from "./integrity.ts";
export { keyIdOf, signDetached, verifyDetached, type PublicKeyInput } from "./signature.ts";
export { parseCatalog } from "./parse-catalog.ts";
export { checkFreshness, expiredError, isExpired, type FreshnessContext } from "./check-freshness.ts";
export { DEVELOPMENT_KEY_ID } from "./development-key.ts";
export { checkPinnedKey, verifyCatalog, type VerifyCatalogOptions } from "./verify-catalog.ts";
export { raiseHighWater, readHighWater } from "./high-water-mark.ts";
export { readCachedCatalog, writeCachedCatalog, type CachedCatalog } from "./catalog-cache.ts";
export { RegistryClient, findRevocation, type CatalogResult, type RegistryClientOptions, type VerifiedBundle } from "./registry-client.ts";
export { classifyConfigChanges, type CatalogChange } from "./breaking/classify-config-changes.ts";
export { bumpBetween, compareSemver, maxBump, parseSemver, requiredBumpFrom, satisfiesBump, type Bump, type Semver } from "./breaking/semver.ts";
export { lifecycleNotices, type LifecycleNotice } from "./lifecycle-notices.ts";
