import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { RegistryClient, verifyCatalog, verifyIntegrity, type Catalog, type PublicKeyInput } from "@connectors/registry-client";
import { checkCatalogFiles, type FileProblem } from "./check-catalog-files.ts";

/** The verdict on one bundle of a catalog. */
export interface BundleCheck {
  slug: string;
  version: string;
  ok: boolean;
  revoked: boolean;
  error?: string;
}

/** A catalog whose signature and freshness verified, and the verdict on each of its bundles and files. */
export interface VerifiedCatalog {
  catalog: Catalog;
  bundles: BundleCheck[];
  /** Files of a local catalog directory that differ from registry.json's `files` (empty for a URL, whose bundles are checked instead). */
  files: FileProblem[];
}

/** How {@link verifyCatalogSource} judges a catalog besides its signature. */
export interface VerifySourceOptions {
  /** Accept the repository's development key (local builds only). */
  allowDevelopmentKey?: boolean;
  /** The current time, ms since the epoch (default now): an expired catalog is refused. */
  now?: number;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function checkBundle(entry: Catalog["connectors"][number], read: () => Promise<Uint8Array>): Promise<BundleCheck> {
  const base = { slug: entry.slug, version: entry.version, revoked: Boolean(entry.revoked) };
  try {
    verifyIntegrity(await read(), entry.bundle, `${entry.slug}@${entry.version} (${entry.bundle.path})`);
    return { ...base, ok: true };
  } catch (error) {
    return { ...base, ok: false, error: message(error) };
  }
}

async function verifyLocal(target: string, publicKey: PublicKeyInput, options: VerifySourceOptions): Promise<VerifiedCatalog> {
  const file = existsSync(target) && statSync(target).isDirectory() ? join(target, "registry.json") : resolve(target);
  const text = await readFile(file, "utf8");
  const signature = await readFile(`${file}.sig`, "utf8").catch(() => undefined);
  const catalog = verifyCatalog(text, signature, { publicKey, source: file, ...options });
  const bundles = await Promise.all(catalog.connectors.map((entry) => checkBundle(entry, () => readFile(join(dirname(file), entry.bundle.path)))));
  return { catalog, bundles, files: await checkCatalogFiles(dirname(file), catalog) };
}

async function verifyRemote(url: string, publicKey: PublicKeyInput, options: VerifySourceOptions): Promise<VerifiedCatalog> {
  const client = new RegistryClient({ url, publicKey, ...(options.allowDevelopmentKey ? { allowDevelopmentKey: true } : {}), ...(options.now !== undefined ? { now: () => options.now! } : {}) });
  const { catalog } = await client.getCatalog();
  const bundles: BundleCheck[] = [];
  for (const entry of catalog.connectors) {
    if (entry.revoked) bundles.push({ slug: entry.slug, version: entry.version, revoked: true, ok: true });
    else bundles.push(await checkBundle(entry, async () => (await client.fetchBundle(entry.slug, entry.version)).code));
  }
  return { catalog, bundles, files: [] };
}

/**
 * Verifies a catalog from a file (registry.json, or the directory holding it) or a URL (the
 * registry's base URL or its registry.json): the detached signature against `publicKey`, the
 * `signed` block (key id, not expired, development key only when allowed), then every bundle's size
 * and sha256 integrity, and for a directory every file listed in `files` (nothing missing, altered
 * or added). Revoked bundles of a URL are reported, not downloaded.
 *
 * @throws SignatureError, CatalogFormatError, CatalogExpiredError or CatalogUnavailableError when the catalog itself is not trusted
 */
export async function verifyCatalogSource(target: string, publicKey: PublicKeyInput, options: VerifySourceOptions = {}): Promise<VerifiedCatalog> {
  return /^https?:\/\//.test(target) ? verifyRemote(target, publicKey, options) : verifyLocal(target, publicKey, options);
}
