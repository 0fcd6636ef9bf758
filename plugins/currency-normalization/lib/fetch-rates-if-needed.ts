import type { CacheExtension, PluginFetch } from "@posthog/plugin-scaffold";

/** Cache key of the rates object (units per 1 USD, keyed by upper-case ISO code). */
export const RATES_KEY = "currency_rates";
/** Cache key of the time (epoch ms) the rates were fetched. */
export const FETCHED_AT_KEY = "currency_rates_fetched_at";
const MAX_AGE_MS = 86_400_000;
const TIMEOUT_MS = 10_000;

/**
 * Fetches the latest rates from Open Exchange Rates unless the cached ones are less than 24 h old,
 * and caches them (no TTL).
 *
 * @throws Error "Error fetching currency rates!" on a network error, non-JSON or JSON without `rates`
 */
export async function fetchRatesIfNeeded(apiKey: string, { cache, fetch }: { cache: CacheExtension; fetch: PluginFetch }): Promise<void> {
  const fetchedAt = await cache.get(FETCHED_AT_KEY, null);
  if (fetchedAt && Number(fetchedAt) >= Date.now() - MAX_AGE_MS) return;
  let rates: unknown;
  try {
    const response = await fetch(`https://openexchangerates.org/api/latest.json?app_id=${apiKey}`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    rates = ((await response.json()) as { rates?: unknown } | null)?.rates;
  } catch {
    throw new Error("Error fetching currency rates!");
  }
  if (!rates || typeof rates !== "object") throw new Error("Error fetching currency rates!");
  await cache.set(RATES_KEY, rates);
  await cache.set(FETCHED_AT_KEY, Date.now());
}
