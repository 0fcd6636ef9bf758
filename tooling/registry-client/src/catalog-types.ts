/**
 * The catalog format version this client understands. A newer one is refused, and so is an older
 * one: version 1 had no `signed` block (expiry, generation), so a client could be frozen on it.
 */
export const CATALOG_SCHEMA_VERSION = 2;

/** What a connector does, derived from its exports at build time. */
export interface ConnectorCapabilities {
  /** Exported hooks other than scheduled tasks (`processEvent`, `onEvent`, `setupPlugin`, ...). */
  methods: string[];
  /** Exported scheduled tasks (`runEveryMinute`, `runEveryHour`, `runEveryDay`). */
  scheduledTasks: string[];
  /** Keys of the exported `jobs` object. */
  jobs: string[];
}

/** The single-file bundle of one connector version. */
export interface CatalogBundle {
  /** Where to download it: absolute when the registry was built with a base URL, else relative to registry.json. */
  url: string;
  /** Path relative to the catalog root (`bundles/<slug>-<version>.js`); mirrors serve it there. */
  path: string;
  /** Subresource-integrity digest of the exact bytes: `sha256-<base64>`. */
  integrity: string;
  /** Size in bytes. */
  size: number;
}

/** A withdrawn connector version. */
export interface Revocation {
  slug: string;
  version: string;
  reason: string;
  revokedAt: string;
}

/** Who approved a published connector version, and when. */
export interface CatalogApproval {
  approvedBy: string;
  approvedAt: string;
  reviewDigest?: string;
}

/** A connector's lifecycle stage: `alpha` may change in any release, `deprecated` has a replacement. */
export type ConnectorStatus = "alpha" | "beta" | "stable" | "deprecated";

/** Who supports a connector: the maintainers of this repository (`official`) or its authors (`community`). */
export type SupportLevel = "official" | "community";

/** Since when a connector is deprecated, and the slug to use instead. */
export interface CatalogDeprecation {
  /** YYYY-MM-DD. */
  date: string;
  replacement: string;
  reason?: string;
}

/** The kind of pipeline step a connector is. */
export type ConnectorType = "transformation" | "destination" | "scheduled";

/** One published connector version in registry.json. */
export interface CatalogEntry {
  slug: string;
  packageName: string;
  version: string;
  name: string;
  description?: string;
  maintainer?: string | { name: string; email?: string; url?: string };
  type: ConnectorType;
  /** Lifecycle stage (plugin.json `status`; default beta before 1.0.0, stable from 1.0.0). */
  status: ConnectorStatus;
  /** Present exactly when `status` is `deprecated`. */
  deprecation?: CatalogDeprecation;
  supportLevel: SupportLevel;
  /** A template or example connector (approved as such): not meant for production. */
  example?: true;
  /** URL of an icon file published with the catalog (from the package; raster images only). */
  icon?: string;
  categories: string[];
  /** Where its source lives (plugin.json `url`, pinned to the catalog's commit for this repository's GitHub tree URLs). */
  sourceUrl?: string;
  capabilities: ConnectorCapabilities;
  configSchema: Record<string, unknown>;
  allowedHosts: string[];
  posthogVersion?: string;
  bundle: CatalogBundle;
  changelogUrl?: string;
  approval: CatalogApproval;
  /** Present when this version has been withdrawn: instances must not install or keep running it. */
  revoked?: { reason: string; revokedAt: string };
}

/** Provenance of a catalog: the commit it was built from and the commit's time (set by `registry build`). */
export interface CatalogGeneration {
  commit: string;
  /** ISO time; the commit time (or SOURCE_DATE_EPOCH), so rebuilds are byte-identical. */
  time: string;
}

/** Size and sha256 of one published file, as listed in the catalog's `files`. */
export interface FileDigest {
  /** Subresource-integrity digest of the exact bytes: `sha256-<base64>`. */
  integrity: string;
  size: number;
}

/**
 * The freshness envelope `registry sign` adds: who signed, when, until when the catalog may be
 * trusted, and its place in the sequence of published catalogs.
 */
export interface CatalogSignature {
  /** `ed25519:<first 16 hex of sha256(SPKI DER)>` of the key that signed it. */
  keyId: string;
  /** Increases with every signing (re-signing too); clients refuse a lower one than they have seen. */
  generation: number;
  /** ISO time of the signing. */
  signedAt: string;
  /** ISO time after which clients refuse the catalog, even when a mirror keeps answering 304. */
  expiresAt: string;
  /** True when signed with the committed development (test) key: such a catalog is for local use only. */
  testKey?: boolean;
}

/** registry.json as `registry build` writes it: every file's hash, no signature yet. */
export interface UnsignedCatalog {
  $schema: string;
  schemaVersion: number;
  generated: CatalogGeneration;
  connectors: CatalogEntry[];
  revoked: Revocation[];
  /** Every other file of the catalog directory (bundles, changelogs, icons, site, plugins.json) by relative path. */
  files: Record<string, FileDigest>;
}

/** registry.json: the signed, approved catalog, as `registry sign` writes it and clients accept it. */
export interface Catalog extends UnsignedCatalog {
  signed: CatalogSignature;
}
