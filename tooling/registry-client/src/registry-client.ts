import type { Catalog, CatalogEntry, Revocation } from "./catalog-types.ts";
import { readCachedCatalog, writeCachedCatalog, type CachedCatalog } from "./catalog-cache.ts";
import { expiredError, isExpired } from "./check-freshness.ts";
import { CatalogExpiredError, CatalogFormatError, CatalogUnavailableError, ConnectorNotFoundError, IntegrityError, RevokedConnectorError } from "./errors.ts";
import { fetchBytes } from "./fetch-bytes.ts";
import { raiseHighWater, readHighWater } from "./high-water-mark.ts";
import { verifyIntegrity } from "./integrity.ts";
import { lifecycleNotices, type LifecycleNotice } from "./lifecycle-notices.ts";
import { parseCatalog } from "./parse-catalog.ts";
import type { PublicKeyInput } from "./signature.ts";
import { checkPinnedKey, verifyCatalog } from "./verify-catalog.ts";

/** Options of {@link RegistryClient}. */
export interface RegistryClientOptions {
  /** The registry: its base URL (`https://host/registry/`) or the URL of registry.json itself. */
  url: string;
  /** A mirror that serves the same files (`pnpm registry serve`); used instead of `url` for everything. */
  mirrorUrl?: string;
  /** The pinned Ed25519 public key (PEM). Only catalogs signed by it are accepted. */
  publicKey: PublicKeyInput;
  /** Where the last good copy and the generation high-water mark are kept. Without it neither survives a restart. */
  cacheDir?: string;
  /** Injected fetch (default: global fetch). */
  fetch?: typeof fetch;
  /** Per-request timeout in ms (default 15000). */
  timeoutMs?: number;
  /** The clock, ms since the epoch (default `Date.now`); catalogs past `signed.expiresAt` are refused. */
  now?: () => number;
  /** Accept catalogs signed with the repository's public development key (local development only; default false). */
  allowDevelopmentKey?: boolean;
  /** Largest registry.json accepted, in bytes (default 64 MiB). */
  maxCatalogBytes?: number;
  /** Called with each lifecycle notice (deprecated, alpha, example, community) of a bundle being fetched for installation. */
  onNotice?: (notice: LifecycleNotice) => void;
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
  /** What the installer should be told (a deprecated version and its replacement first). */
  notices: LifecycleNotice[];
}

interface GoodCopy {
  cached: CachedCatalog;
  catalog: Catalog;
}

const MAX_SIGNATURE_BYTES = 1024;

const withoutPeriod = (error: unknown): string => (error instanceof Error ? error.message : String(error)).replace(/\.$/, "");

function catalogUrlOf(base: string): string {
  return base.endsWith(".json") ? base : new URL("registry.json", base.endsWith("/") ? base : `${base}/`).href;
}

/**
 * What an instance uses to fetch the approved catalog: conditional GET with ETag, Ed25519 check
 * against the pinned key, freshness (a catalog past its `expiresAt` is refused even when the server
 * answers 304; a generation lower than the persisted high-water mark is a rollback), last good copy on
 * disk as fallback while it is fresh (never unsigned or expired data), bundles read no further than
 * their signed size and checked against their integrity, revocations.
 *
 * @example
 * const client = new RegistryClient({ url: "https://connectors.example/registry/", publicKey: pinnedPem, cacheDir: "/var/cache/connectors" });
 * const { catalog } = await client.getCatalog();
 * const { code } = await client.fetchBundle("hello-world");
 */
export class RegistryClient {
  readonly catalogUrl: string;
  private readonly options: RegistryClientOptions;
  private lastGood: GoodCopy | undefined;
  private highWater: number | undefined;

  constructor(options: RegistryClientOptions) {
    this.options = options;
    this.catalogUrl = catalogUrlOf(options.mirrorUrl ?? options.url);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /**
   * Fetches, verifies and returns the catalog; on a network or verification failure falls back to
   * the last good copy while it has not expired.
   *
   * @throws CatalogExpiredError when the newest catalog available (served or cached) has expired
   * @throws CatalogUnavailableError when the fetch or verification fails and there is no fresh good copy
   */
  async getCatalog(): Promise<CatalogResult> {
    checkPinnedKey(this.options.publicKey, this.options.allowDevelopmentKey);
    const previous = await this.loadLastGood();
    try {
      return await this.refresh(previous);
    } catch (error) {
      if (previous && !isExpired(previous.catalog, this.now())) return { catalog: previous.catalog, source: "cache", stale: true, error: error as Error };
      if (error instanceof CatalogExpiredError) throw error;
      if (previous) throw expiredError(previous.catalog, { now: this.now(), source: `${this.catalogUrl} (last good copy)` }, `Refreshing it failed: ${withoutPeriod(error)}.`);
      throw new CatalogUnavailableError(`No trusted catalog: ${withoutPeriod(error)}. Fix: check the registry URL and the pinned key; once a catalog verifies, it is kept as the fallback until it expires.`, { cause: error });
    }
  }

  private async refresh(previous: GoodCopy | undefined): Promise<CatalogResult> {
    const timeoutMs = this.options.timeoutMs ?? 15_000;
    const fetchImpl = this.options.fetch ?? fetch;
    // An expired copy is never revalidated: ask for the full body, so a 304 cannot keep it alive.
    const usable = previous && previous.cached.url === this.catalogUrl && !isExpired(previous.catalog, this.now()) ? previous : undefined;
    const outcome = await fetchBytes(fetchImpl, this.catalogUrl, { etag: usable?.cached.etag, timeoutMs, maxBytes: this.options.maxCatalogBytes ?? 64 * 1024 * 1024 });
    if (outcome.status === "not-modified" && usable) return { catalog: usable.catalog, source: "not-modified", stale: false };
    if (outcome.status === "not-modified") throw new CatalogFormatError("the server answered 304 Not Modified to a request without If-None-Match");
    const sigOutcome = await fetchBytes(fetchImpl, `${this.catalogUrl}.sig`, { timeoutMs, maxBytes: MAX_SIGNATURE_BYTES });
    const signature = sigOutcome.status === "ok" ? Buffer.from(sigOutcome.body).toString("utf8") : "";
    const registry = Buffer.from(outcome.body).toString("utf8");
    const catalog = this.verify(registry, signature, this.catalogUrl, previous);
    const cached: CachedCatalog = { registry, signature, url: this.catalogUrl, ...(outcome.etag ? { etag: outcome.etag } : {}) };
    this.lastGood = { cached, catalog };
    this.highWater = Math.max(this.highWater ?? 0, catalog.signed.generation);
    if (this.options.cacheDir) {
      await raiseHighWater(this.options.cacheDir, catalog.signed.generation);
      await writeCachedCatalog(this.options.cacheDir, cached);
    }
    return { catalog, source: "network", stale: false };
  }

  /** {@link verifyCatalog} against the pinned key and the high-water mark (persisted, in memory, and the previous copy's). */
  private verify(registry: string, signature: string, source: string, previous: GoodCopy | undefined): Catalog {
    const highWater = Math.max(this.highWater ?? 0, previous?.catalog.signed.generation ?? 0);
    const { publicKey, allowDevelopmentKey } = this.options;
    return verifyCatalog(registry, signature, { publicKey, source, now: this.now(), ...(highWater > 0 ? { highWater } : {}), ...(allowDevelopmentKey ? { allowDevelopmentKey } : {}) });
  }

  /** The last good copy (memory, else disk), re-verified (it may have expired since); undefined when none verifies. */
  private async loadLastGood(): Promise<GoodCopy | undefined> {
    if (this.lastGood) return this.lastGood;
    const dir = this.options.cacheDir;
    if (!dir) return undefined;
    this.highWater = Math.max(this.highWater ?? 0, (await readHighWater(dir)) ?? 0) || undefined;
    const cached = await readCachedCatalog(dir);
    if (!cached) return undefined;
    try {
      const catalog = this.verify(cached.registry, cached.signature, `${dir} (last good copy)`, undefined);
      this.lastGood = { cached, catalog };
    } catch (error) {
      if (!(error instanceof CatalogExpiredError)) return undefined;
      // Expired but genuine: keep it to report when it expired, and to never accept an older generation.
      const catalog = parseCatalog(cached.registry);
      this.lastGood = { cached, catalog };
    }
    return this.lastGood;
  }

  /**
   * Downloads a connector's bundle (latest catalog version, or `version`), reading no more than the
   * catalog's signed `size`, and checks its integrity. A deprecated, alpha, example or community
   * connector comes with its {@link LifecycleNotice}s (also passed to `onNotice`): install goes on,
   * but the operator is told, and for a deprecated one what replaces it.
   *
   * @throws RevokedConnectorError when that version is revoked
   * @throws ConnectorNotFoundError when the catalog does not have it
   * @throws IntegrityError when the bytes do not match the catalog, or there are more of them than its `size`
   */
  async fetchBundle(slug: string, version?: string): Promise<VerifiedBundle> {
    const { catalog } = await this.getCatalog();
    const entry = catalog.connectors.find((e) => e.slug === slug && (version === undefined || e.version === version));
    const revocation = findRevocation(catalog, slug, version ?? entry?.version);
    if (revocation) throw new RevokedConnectorError(revocation);
    if (!entry) throw new ConnectorNotFoundError(`${slug}${version ? `@${version}` : ""} is not in the catalog. Fix: check the slug; \`pnpm registry verify <url>\` lists what is published.`);
    const url = this.options.mirrorUrl ? new URL(entry.bundle.path, this.catalogUrl).href : new URL(entry.bundle.url, this.catalogUrl).href;
    const label = `${slug}@${entry.version} (${url})`;
    const outcome = await fetchBytes(this.options.fetch ?? fetch, url, {
      timeoutMs: this.options.timeoutMs ?? 15_000,
      maxBytes: entry.bundle.size,
      tooLarge: () => new IntegrityError(`${label}: the server sent more than the catalog's signed size of ${entry.bundle.size} bytes; stopped reading. Fix: do not install it; re-sync the mirror from the signed registry.`),
    });
    if (outcome.status !== "ok") throw new CatalogFormatError(`${url} answered 304 to an unconditional request`);
    verifyIntegrity(outcome.body, entry.bundle, label);
    const notices = lifecycleNotices(entry);
    for (const notice of notices) this.options.onNotice?.(notice);
    return { entry, code: outcome.body, notices };
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
