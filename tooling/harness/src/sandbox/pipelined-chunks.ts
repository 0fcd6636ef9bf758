/** Chunks the isolate may have queued behind the one it runs while the host prepares the next. */
const CHUNKS_IN_FLIGHT = 2;

/** Items per isolate entry: a quarter of the call, between 50 and 500, so the host's copying overlaps the isolate's work. */
function chunkSize(items: number): number {
  return Math.min(500, Math.max(50, Math.ceil(items / 4)));
}

/**
 * Runs `items` through the isolate a chunk at a time, with up to two more chunks queued behind the one
 * running: the isolate works on its own thread, so the host copies the next chunk in (and the previous
 * one's outcome out) meanwhile instead of both sides taking turns. Outcomes come back in order.
 *
 * The first failure fails the whole run: `onFailure` runs (to stop chunks that have not started), the
 * chunks already started settle, and the failure is rethrown. Later chunks may have run already.
 */
export async function pipelineChunks<T, R>(items: readonly T[], runChunk: (chunk: T[]) => Promise<R[]>, onFailure: () => void): Promise<R[]> {
  const size = chunkSize(items.length);
  const chunks: Array<Promise<R[]>> = [];
  try {
    for (let start = 0; start < items.length; start += size) {
      const chunk = runChunk(items.slice(start, start + size));
      chunk.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
      chunks.push(chunk);
      if (chunks.length > CHUNKS_IN_FLIGHT) await chunks[chunks.length - 1 - CHUNKS_IN_FLIGHT];
    }
    return (await Promise.all(chunks)).flat();
  } catch (error) {
    onFailure();
    await Promise.allSettled(chunks);
    throw error;
  }
}
