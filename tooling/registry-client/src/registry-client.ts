import type { Catalog, CatalogEntry, Revocation } from "./catalog-types.ts";
import { readCachedCatalog, writeCachedCatalog, type CachedCatalog } from "./catalog-cache.ts";
import { CatalogFormatError, CatalogUnavailableError, ConnectorNotFoundError, RevokedConnectorError } from "./errors.ts";
import { fetchBytes } from "./fetch-bytes.ts";
import { verifyIntegrity } from "./integrity.ts";
import { parseCatalog } from "./parse-catalog.ts";
import { verifyDetached, type PublicKeyInput } from "./signature.ts";

/** Options of {@link RegistryClient}. */
export interface RegistryClientOptions {
  /** The registry: its base URL (`https://host/registry/`) or the URL of registry.json itself. */
  url: string;
  /** A mirror that serves the same files (`pnpm registry serve`); used instead of `url` for everything. */
  mirrorUrl?: string;
  /** The pinned Ed25519 public key (PEM). Only catalogs signed by it are accepted. */
  publicKey: PublicKeyInput;
  /** Where the last good copy is kept. Without it there is no fallback across restarts. */
  cacheDir?: string;
  /** Injected fetch (default: global fetch). */
  fetch?: typeof fetch;
  /** Per-request timeout in ms (default 15000). */
  timeoutMs?: number;
}

/** A verified catalog and where it came from. `stale` means the network copy failed and `error` says why. */
export interface CatalogResult {
  catalog: Catalog;
  source: "network" | "not-modified" | "cache";
  stale: boolean;
  error?: Error;
}

/** A bundle whose bytes matched the signed catalog. */
export interface VerifiedBundle {
  entry: CatalogEntry;
  code: Uint8Array;
}

function catalogUrlOf(base: string): string {
  return base.endsWith(".json") ? base : new URL("registry.json", base.endsWith("/") ? base : `${base}/`).href;
}

/**
 * What an instance uses to fetch the approved catalog: conditional GET with ETag, Ed25519 check
 * against the pinned key, last good copy on disk as fallback (never unsigned data), no rollback to an
 * older catalog, bundle integrity, revocations.
 *
 * @example
 * const client = new RegistryClient({ url: "https://connectors.example/registry/", publicKey: pinnedPem, cacheDir: "/var/cache/connectors" });
 * const { catalog } = await client.getCatalog();
 * const { code } = await client.fetchBundle("hello-world");
 */
export class RegistryClient {
  readonly catalogUrl: string;
  private readonly options: RegistryClientOptions;
  private lastGood: { cached: CachedCatalog; catalog: Catalog } | undefined;

  constructor(options: RegistryClientOptions) {
    this.options = options;
    this.catalogUrl = catalogUrlOf(options.mirrorUrl ?? options.url);
  }

  /**
   * Fetches, verifies and returns the catalog; on any failure falls back to the last good copy.
   *
   * @throws CatalogUnavailableError when the fetch or verification fails and there is no good copy
   */
  async getCatalog(): Promise<CatalogResult> {
    const previous = await this.loadLastGood();
    try {
      return await this.refresh(previous);
    } catch (error) {
      if (previous) return { catalog: previous.catalog, source: "cache", stale: true, error: error as Error };
      throw new CatalogUnavailableError(`No trusted catalog: ${(error as Error).message}. Fix: check the registry URL and the pinned key; once a catalog verifies, it is kept as the fallback.`, { cause: error });
    }
  }

  private async refresh(previous: { cached: CachedCatalog; catalog: Catalog } | undefined): Promise<CatalogResult> {
    const fetchImpl = this.options.fetch ?? fetch;
    const timeoutMs = this.options.timeoutMs ?? 15_000;
    const etag = previous?.cached.url === this.catalogUrl ? previous.cached.etag : undefined;
    const outcome = await fetchBytes(fetchImpl, this.catalogUrl, { etag, timeoutMs });
    if (outcome.status === "not-modified" && previous) return { catalog: previous.catalog, source: "not-modified", stale: false };
    if (outcome.status === "not-modified") throw new CatalogFormatError("the server answered 304 Not Modified to a request without If-None-Match");
    const sigOutcome = await fetchBytes(fetchImpl, `${this.catalogUrl}.sig`, { timeoutMs });
    const signature = sigOutcome.status === "ok" ? Buffer.from(sigOutcome.body).toString("utf8") : "";
    verifyDetached(outcome.body, signature, this.options.publicKey);
    const registry = Buffer.from(outcome.body).toString("utf8");
    const catalog = parseCatalog(registry);
    if (previous && catalog.generated.time < previous.catalog.generated.time) {
      throw new CatalogFormatError(`the served catalog (generated ${catalog.generated.time}) is older than the last good copy (${previous.catalog.generated.time}); refusing a rollback`);
    }
    const cached: CachedCatalog = { registry, signature, url: this.catalogUrl, ...(outcome.etag ? { etag: outcome.etag } : {}) };
    this.lastGood = { cached, catalog };
    if (this.options.cacheDir) await writeCachedCatalog(this.options.cacheDir, cached);
    return { catalog, source: "network", stale: false };
  }

  /** The last good copy (memory, else disk), re-verified; undefined when none verifies. */
  private async loadLastGood(): Promise<{ cached: CachedCatalog; catalog: Catalog } | undefined> {
    if (this.lastGood) return this.lastGood;
    const cached = this.options.cacheDir ? await readCachedCatalog(this.options.cacheDir) : undefined;
    if (!cached) return undefined;
    try {
      verifyDetached(Buffer.from(cached.registry, "utf8"), cached.signature, this.options.publicKey);
      this.lastGood = { cached, catalog: parseCatalog(cached.registry) };
      return this.lastGood;
    } catch {
      return undefined;
    }
  }

  /**
   * Downloads a connector's bundle (latest catalog version, or `version`) and checks its integrity.
   *
   * @throws RevokedConnectorError when that version is revoked
   * @throws ConnectorNotFoundError when the catalog does not have it
   * @throws IntegrityError when the bytes do not match the catalog
   */
  async fetchBundle(slug: string, version?: string): Promise<VerifiedBundle> {
    const { catalog } = await this.getCatalog();
    const entry = catalog.connectors.find((e) => e.slug === slug && (version === undefined || e.version === version));
    const revocation = findRevocation(catalog, slug, version ?? entry?.version);
    if (revocation) throw new RevokedConnectorError(revocation);
    if (!entry) throw new ConnectorNotFoundError(`${slug}${version ? `@${version}` : ""} is not in the catalog. Fix: check the slug; \`pnpm registry verify <url>\` lists what is published.`);
    const url = this.options.mirrorUrl ? new URL(entry.bundle.path, this.catalogUrl).href : new URL(entry.bundle.url, this.catalogUrl).href;
    const outcome = await fetchBytes(this.options.fetch ?? fetch, url, { timeoutMs: this.options.timeoutMs ?? 15_000 });
    if (outcome.status !== "ok") throw new CatalogFormatError(`${url} answered 304 to an unconditional request`);
    verifyIntegrity(outcome.body, entry.bundle, `${slug}@${entry.version} (${url})`);
    return { entry, code: outcome.body };
  }
}

/**
 * The revocation of `slug@version` in a catalog, if any (from the top-level list or the entry's mark).
 */
export function findRevocation(catalog: Catalog, slug: string, version: string | undefined): Revocation | undefined {
  if (version === undefined) return undefined;
  const listed = catalog.revoked.find((r) => r.slug === slug && r.version === version);
  if (listed) return listed;
  const entry = catalog.connectors.find((e) => e.slug === slug && e.version === version);
  return entry?.revoked ? { slug, version, ...entry.revoked } : undefined;
}
