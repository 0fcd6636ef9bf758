import type { Catalog } from "./catalog-types.ts";
import { CatalogExpiredError, RollbackError } from "./errors.ts";

/** What {@link checkFreshness} judges a catalog against. */
export interface FreshnessContext {
  /** The current time, ms since the epoch. */
  now: number;
  /** The highest `signed.generation` this instance has accepted before (none: first fetch). */
  highWater?: number;
  /** Where the catalog came from, for the message (a URL, a file, "the last good copy"). */
  source: string;
}

/** True when the catalog's `signed.expiresAt` is at or before `now`. */
export function isExpired(catalog: Catalog, now: number): boolean {
  return Date.parse(catalog.signed.expiresAt) <= now;
}

/**
 * The error for a catalog past its `signed.expiresAt`, with `detail` (e.g. why refreshing it failed)
 * added to the message.
 */
export function expiredError(catalog: Catalog, context: Pick<FreshnessContext, "now" | "source">, detail = ""): CatalogExpiredError {
  const { generation, signedAt, expiresAt } = catalog.signed;
  return new CatalogExpiredError(
    `${context.source}: registry.json generation ${generation} (signed ${signedAt}) expired at ${expiresAt}; it is now ${new Date(context.now).toISOString()}.${detail ? ` ${detail}` : ""} ` +
      "A mirror that keeps serving it, or answering 304 Not Modified, is stale or replaying an old catalog. " +
      "Fix: re-sync the mirror from the registry (the publisher re-signs the catalog before it expires), or check this machine's clock.",
    expiresAt,
  );
}

/**
 * Refuses a signed catalog that is past its `signed.expiresAt` or whose `signed.generation` is lower
 * than the highest one seen. Equal generations pass: the same catalog fetched again.
 *
 * @throws CatalogExpiredError naming the expiry, the signing time and the fix
 * @throws RollbackError naming both generations
 */
export function checkFreshness(catalog: Catalog, context: FreshnessContext): void {
  const { generation, signedAt, expiresAt } = catalog.signed;
  if (isExpired(catalog, context.now)) throw expiredError(catalog, context);
  if (context.highWater !== undefined && generation < context.highWater) {
    throw new RollbackError(
      `${context.source}: registry.json generation ${generation} is lower than generation ${context.highWater}, the newest this instance has accepted; refusing a rollback to an older catalog. ` +
        "Fix: point the instance at an up-to-date registry or mirror.",
      generation,
      context.highWater,
    );
  }
}
