export { CATALOG_SCHEMA_VERSION } from "./catalog-types.ts";
export type {
  Catalog,
  CatalogApproval,
  CatalogBundle,
  CatalogEntry,
  CatalogGeneration,
  ConnectorCapabilities,
  ConnectorType,
  Revocation,
} from "./catalog-types.ts";
export {
  CatalogFormatError,
  CatalogUnavailableError,
  ConnectorNotFoundError,
  IntegrityError,
  RevokedConnectorError,
  SignatureError,
} from "./errors.ts";
export { DownloadError, fetchBytes, type FetchOutcome } from "./fetch-bytes.ts";
export { computeIntegrity, verifyIntegrity } from "./integrity.ts";
export { keyIdOf, signDetached, verifyDetached, type PublicKeyInput } from "./signature.ts";
export { parseCatalog } from "./parse-catalog.ts";
export { readCachedCatalog, writeCachedCatalog, type CachedCatalog } from "./catalog-cache.ts";
export { RegistryClient, findRevocation, type CatalogResult, type RegistryClientOptions, type VerifiedBundle } from "./registry-client.ts";
