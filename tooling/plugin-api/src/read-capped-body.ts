/**
 * True when the response declares a body over `maxBytes`. Only an unencoded `Content-Length` counts:
 * for a compressed body it gives the encoded size, not what fetch hands over after decoding.
 */
function declaresOver(response: Response, maxBytes: number): boolean {
  const declared = response.headers.get("content-length");
  return declared !== null && !response.headers.get("content-encoding") && Number(declared) > maxBytes;
}

/**
 * Reads a response body chunk by chunk and stops (cancelling the stream) as soon as more than
 * `maxBytes` arrived, throwing `tooLarge()`, so a huge or endless body never sits whole in memory.
 * A body whose `Content-Length` already says it is too large is refused before reading.
 * Returns null for a response without a body.
 */
export async function readCappedBody(response: Response, maxBytes: number, tooLarge: () => Error): Promise<Uint8Array | null> {
  if (response.body === null) return null;
  if (declaresOver(response, maxBytes)) {
    await response.body.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return joinChunks(chunks, total);
}

function joinChunks(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
