/** Pub/Sub's limits per publish request. */
export const MAX_MESSAGES = 1000;
export const MAX_BYTES = 10 * 1000 * 1000;

/** Splits base64 message data into publish requests of at most 1000 messages and ~10 MB each. */
export function chunkMessages(data: string[], maxMessages = MAX_MESSAGES, maxBytes = MAX_BYTES): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const item of data) {
    const size = item.length + 20; // {"data":"..."}, plus separators
    if (current.length && (current.length >= maxMessages || bytes + size > maxBytes - 100)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}
