import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { parseCatalog, RegistryClient, verifyDetached, verifyIntegrity, type Catalog, type PublicKeyInput } from "@connectors/registry-client";

/** The verdict on one bundle of a catalog. */
export interface BundleCheck {
  slug: string;
  version: string;
  ok: boolean;
  revoked: boolean;
  error?: string;
}

/** A catalog whose signature verified, and the verdict on each of its bundles. */
export interface VerifiedCatalog {
  catalog: Catalog;
  bundles: BundleCheck[];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function verifyLocal(target: string, publicKey: PublicKeyInput): Promise<VerifiedCatalog> {
  const file = existsSync(target) && statSync(target).isDirectory() ? join(target, "registry.json") : resolve(target);
  const bytes = await readFile(file);
  const signature = await readFile(`${file}.sig`, "utf8").catch(() => undefined);
  verifyDetached(bytes, signature, publicKey);
  const catalog = parseCatalog(bytes.toString("utf8"));
  const bundles = await Promise.all(
    catalog.connectors.map(async (entry): Promise<BundleCheck> => {
      const base = { slug: entry.slug, version: entry.version, revoked: Boolean(entry.revoked) };
      try {
        verifyIntegrity(await readFile(join(dirname(file), entry.bundle.path)), entry.bundle, `${entry.slug}@${entry.version} (${entry.bundle.path})`);
        return { ...base, ok: true };
      } catch (error) {
        return { ...base, ok: false, error: message(error) };
      }
    }),
  );
  return { catalog, bundles };
}

async function verifyRemote(url: string, publicKey: PublicKeyInput): Promise<VerifiedCatalog> {
  const client = new RegistryClient({ url, publicKey });
  const { catalog } = await client.getCatalog();
  const bundles: BundleCheck[] = [];
  for (const entry of catalog.connectors) {
    const base = { slug: entry.slug, version: entry.version, revoked: Boolean(entry.revoked) };
    if (entry.revoked) {
      bundles.push({ ...base, ok: true });
      continue;
    }
    try {
      await client.fetchBundle(entry.slug, entry.version);
      bundles.push({ ...base, ok: true });
    } catch (error) {
      bundles.push({ ...base, ok: false, error: message(error) });
    }
  }
  return { catalog, bundles };
}

/**
 * Verifies a catalog from a file (registry.json, or the directory holding it) or a URL (the
 * registry's base URL or its registry.json): the detached signature against `publicKey`, then every
 * bundle's size and sha256 integrity. Revoked bundles are reported, not downloaded.
 *
 * @throws SignatureError, CatalogFormatError or CatalogUnavailableError when the catalog itself is not trusted
 */
export async function verifyCatalogSource(target: string, publicKey: PublicKeyInput): Promise<VerifiedCatalog> {
  return /^https?:\/\//.test(target) ? verifyRemote(target, publicKey) : verifyLocal(target, publicKey);
}
