import { CATALOG_SCHEMA_VERSION, type Catalog } from "./catalog-types.ts";
import { CatalogFormatError } from "./errors.ts";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkEntry(entry: unknown, index: number): void {
  const where = `registry.json connectors[${index}]`;
  if (!isObject(entry)) throw new CatalogFormatError(`${where} is not an object.`);
  for (const key of ["slug", "version", "packageName"] as const) {
    if (typeof entry[key] !== "string") throw new CatalogFormatError(`${where} has no string "${key}".`);
  }
  const bundle = entry.bundle;
  if (!isObject(bundle) || typeof bundle.integrity !== "string" || typeof bundle.size !== "number" || typeof bundle.path !== "string" || typeof bundle.url !== "string") {
    throw new CatalogFormatError(`${where} (${String(entry.slug)}) has no bundle {url, path, integrity, size}.`);
  }
}

/**
 * Parses the text of a signed registry.json into a catalog, refusing what this client cannot use:
 * invalid JSON, a newer `schemaVersion`, or entries without slug, version and bundle integrity.
 * Only structural checks: the signature already vouches for the content, and a 1,000-entry catalog
 * parses in a few milliseconds.
 *
 * @throws CatalogFormatError saying what is wrong and how to fix it
 */
export function parseCatalog(text: string): Catalog {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CatalogFormatError(`registry.json is not valid JSON (${(error as Error).message}). Fix: republish it from \`pnpm registry build\`.`);
  }
  if (!isObject(value)) throw new CatalogFormatError("registry.json is not a JSON object.");
  const version = value.schemaVersion;
  if (typeof version !== "number" || !Number.isInteger(version)) throw new CatalogFormatError("registry.json has no integer schemaVersion.");
  if (version > CATALOG_SCHEMA_VERSION) {
    throw new CatalogFormatError(`registry.json has schemaVersion ${version}; this client understands up to ${CATALOG_SCHEMA_VERSION}. Fix: upgrade @connectors/registry-client.`);
  }
  if (!Array.isArray(value.connectors)) throw new CatalogFormatError("registry.json has no connectors array.");
  if (!Array.isArray(value.revoked)) throw new CatalogFormatError("registry.json has no revoked array.");
  if (!isObject(value.generated) || typeof value.generated.time !== "string") throw new CatalogFormatError("registry.json has no generated.time.");
  value.connectors.forEach(checkEntry);
  return value as unknown as Catalog;
}
