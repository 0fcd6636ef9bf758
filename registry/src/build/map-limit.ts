/**
 * Maps over items with at most `limit` calls in flight, keeping the input order in the result.
 *
 * @example
 * await mapLimit([1, 2, 3], 2, async (n) => n * 2) // [2, 4, 6]
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
