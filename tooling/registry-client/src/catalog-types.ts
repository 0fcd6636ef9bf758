/** The catalog format version this client understands. A newer major is refused. */
export const CATALOG_SCHEMA_VERSION = 1;

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
  icon?: string;
  categories?: string[];
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

/** Provenance of a catalog: the commit it was built from and the commit's time. */
export interface CatalogGeneration {
  commit: string;
  /** ISO time; the commit time (or SOURCE_DATE_EPOCH), so rebuilds are byte-identical. */
  time: string;
  /** `ed25519:<first 16 hex of sha256(SPKI DER)>` of the key that signed it. */
  keyId: string;
  /** True when signed with the committed test key: such a catalog is for local use only. */
  testKey?: boolean;
}

/** registry.json: the signed, approved catalog. */
export interface Catalog {
  $schema: string;
  schemaVersion: number;
  generated: CatalogGeneration;
  connectors: CatalogEntry[];
  revoked: Revocation[];
}
