import { CATALOG_SCHEMA_VERSION, type Catalog } from "./catalog-types.ts";
import { CatalogFormatError } from "./errors.ts";

const REPUBLISH = "Fix: republish it with `pnpm registry build && pnpm registry sign`.";

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

const isTime = (value: unknown): value is string => typeof value === "string" && !Number.isNaN(Date.parse(value));

function checkSigned(signed: unknown): void {
  if (!isObject(signed)) throw new CatalogFormatError(`registry.json has no "signed" block (keyId, generation, signedAt, expiresAt): it is the unsigned output of \`registry build\`, or older than schemaVersion 2. ${REPUBLISH}`);
  if (typeof signed.keyId !== "string") throw new CatalogFormatError(`registry.json signed.keyId is missing. ${REPUBLISH}`);
  if (typeof signed.generation !== "number" || !Number.isSafeInteger(signed.generation) || signed.generation < 1) {
    throw new CatalogFormatError(`registry.json signed.generation is ${JSON.stringify(signed.generation)}, not a positive integer. ${REPUBLISH}`);
  }
  for (const key of ["signedAt", "expiresAt"] as const) {
    if (!isTime(signed[key])) throw new CatalogFormatError(`registry.json signed.${key} is ${JSON.stringify(signed[key])}, not an ISO date-time. ${REPUBLISH}`);
  }
}

/**
 * Parses the text of a signed registry.json into a catalog, refusing what this client cannot use:
 * invalid JSON, another `schemaVersion`, no `signed` block (generation, expiry), or entries without
 * slug, version and bundle integrity. Only structural checks: the signature already vouches for the
 * content, and a 1,000-entry catalog parses in a few milliseconds. Freshness (expiry, generation) is
 * judged by {@link checkFreshness}, which needs the clock and the high-water mark.
 *
 * @throws CatalogFormatError saying what is wrong and how to fix it
 */
export function parseCatalog(text: string): Catalog {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CatalogFormatError(`registry.json is not valid JSON (${(error as Error).message}). ${REPUBLISH}`);
  }
  if (!isObject(value)) throw new CatalogFormatError("registry.json is not a JSON object.");
  const version = value.schemaVersion;
  if (typeof version !== "number" || !Number.isInteger(version)) throw new CatalogFormatError("registry.json has no integer schemaVersion.");
  if (version > CATALOG_SCHEMA_VERSION) {
    throw new CatalogFormatError(`registry.json has schemaVersion ${version}; this client understands up to ${CATALOG_SCHEMA_VERSION}. Fix: upgrade @connectors/registry-client.`);
  }
  if (version < CATALOG_SCHEMA_VERSION) {
    throw new CatalogFormatError(`registry.json has schemaVersion ${version}; this client needs ${CATALOG_SCHEMA_VERSION} (catalogs that expire and carry a generation). ${REPUBLISH}`);
  }
  if (!Array.isArray(value.connectors)) throw new CatalogFormatError("registry.json has no connectors array.");
  if (!Array.isArray(value.revoked)) throw new CatalogFormatError("registry.json has no revoked array.");
  if (!isObject(value.files)) throw new CatalogFormatError(`registry.json has no files object (path → integrity, size). ${REPUBLISH}`);
  if (!isObject(value.generated) || typeof value.generated.time !== "string") throw new CatalogFormatError("registry.json has no generated.time.");
  checkSigned(value.signed);
  value.connectors.forEach(checkEntry);
  return value as unknown as Catalog;
}
