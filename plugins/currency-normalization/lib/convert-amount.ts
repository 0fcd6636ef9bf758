/**
 * `amount` in `from` converted to `to` with USD-based rates, rounded half-up to 4 decimals; undefined
 * when either currency is unknown (codes are case-sensitive) or the amount is not a finite number.
 */
export function convertAmount(amount: unknown, from: unknown, to: string, rates: Record<string, number>): number | undefined {
  const value = Number(amount);
  const fromRate = rates[String(from)];
  const toRate = rates[to];
  if (!Number.isFinite(value) || !fromRate || !toRate) return undefined;
  return Math.round(((value * toRate) / fromRate) * 10_000) / 10_000;
}
