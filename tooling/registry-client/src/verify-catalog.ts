import type { Catalog } from "./catalog-types.ts";
import { checkFreshness } from "./check-freshness.ts";
import { DEVELOPMENT_KEY_ID } from "./development-key.ts";
import { CatalogFormatError, SignatureError } from "./errors.ts";
import { parseCatalog } from "./parse-catalog.ts";
import { keyIdOf, verifyDetached, type PublicKeyInput } from "./signature.ts";

/** What {@link verifyCatalog} checks a catalog against, besides its signature. */
export interface VerifyCatalogOptions {
  publicKey: PublicKeyInput;
  /** Where it came from, for messages (a URL or a file). */
  source: string;
  /** The current time, ms since the epoch (default `Date.now()`). */
  now?: number;
  /** The highest generation accepted before; a lower one is a rollback. */
  highWater?: number;
  /** Accept the repository's public development key (local development only). */
  allowDevelopmentKey?: boolean;
}

/**
 * Refuses pinning the development key, whose private half is in the repository, unless allowed.
 *
 * @throws SignatureError saying which key to pin instead
 */
export function checkPinnedKey(publicKey: PublicKeyInput, allowDevelopmentKey = false): void {
  if (!allowDevelopmentKey && keyIdOf(publicKey) === DEVELOPMENT_KEY_ID) {
    throw new SignatureError(`The pinned key is the repository's development key (${DEVELOPMENT_KEY_ID}), whose private half is public: anyone can sign with it. Fix: pin the registry's published registry.pub.pem, or allow the development key explicitly for local development only.`);
  }
}

/**
 * Everything that makes the bytes of a registry.json trustworthy, in order: the detached signature
 * by the pinned key, the format (schemaVersion 2, a `signed` block), `signed.keyId` naming that key,
 * no development-key catalog unless allowed, not expired, and no lower generation than `highWater`.
 *
 * @throws SignatureError, CatalogFormatError, CatalogExpiredError or RollbackError, each naming the field and the fix
 */
export function verifyCatalog(registry: string, signature: string | undefined, options: VerifyCatalogOptions): Catalog {
  checkPinnedKey(options.publicKey, options.allowDevelopmentKey);
  verifyDetached(Buffer.from(registry, "utf8"), signature, options.publicKey);
  const catalog = parseCatalog(registry);
  const pinned = keyIdOf(options.publicKey);
  if (catalog.signed.keyId !== pinned) throw new CatalogFormatError(`${options.source}: signed.keyId says ${catalog.signed.keyId} but the signature is by the pinned key ${pinned}. Fix: republish the catalog with \`pnpm registry sign\`.`);
  if (catalog.signed.testKey && !options.allowDevelopmentKey) throw new SignatureError(`${options.source} is signed with the development key (signed.testKey): local use only. Fix: publish a catalog signed in CI with CONNECTORS_SIGNING_KEY.`);
  checkFreshness(catalog, { now: options.now ?? Date.now(), source: options.source, ...(options.highWater ? { highWater: options.highWater } : {}) });
  return catalog;
}
