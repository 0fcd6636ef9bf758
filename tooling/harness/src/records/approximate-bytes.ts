/** UTF-8 length of `text`. */
export function textBytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/**
 * About how many bytes `value` takes when kept: UTF-8 text of strings and keys, 8 per number or
 * boolean, 4 per null. Walks iteratively (no stack overflow on deep values) and counts a shared or
 * circular reference once, so it always terminates in time linear in the value's distinct parts.
 */
export function approximateBytes(value: unknown): number {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  let bytes = 0;
  while (stack.length) {
    const next = stack.pop();
    if (typeof next === "string") bytes += textBytes(next);
    else if (typeof next === "number" || typeof next === "boolean" || typeof next === "bigint") bytes += 8;
    else if (next === null || next === undefined) bytes += 4;
    else if (typeof next === "object" && !seen.has(next)) {
      seen.add(next);
      for (const [key, child] of Object.entries(next)) {
        bytes += textBytes(key);
        stack.push(child);
      }
    }
  }
  return bytes;
}

/**
 * `text` cut to at most `maxBytes` UTF-8 bytes, `note` (e.g. "… [cut]") included, without splitting a
 * character. When even the note does not fit, the note alone, cut.
 */
export function cutText(text: string, maxBytes: number, note: string): string {
  const room = maxBytes - textBytes(note);
  if (room <= 0) return fitChars(note, maxBytes);
  return fitChars(text, room) + note;
}

function fitChars(text: string, maxBytes: number): string {
  let cut = text.slice(0, Math.max(0, maxBytes));
  let bytes = textBytes(cut);
  while (bytes > maxBytes) {
    cut = cut.slice(0, Math.max(0, Math.floor((cut.length * maxBytes) / bytes) - 1));
    bytes = textBytes(cut);
  }
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
