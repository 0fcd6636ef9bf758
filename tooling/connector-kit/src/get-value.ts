/**
 * Reads a dotted path with get-value semantics: the whole path as a key wins; otherwise segments are
 * resolved one by one, a segment also matching a key that contains dots (joined with the following ones).
 */
export function getValue(source: unknown, path: string): unknown {
  if (source === null || typeof source !== "object") return undefined;
  if (path in source) return (source as Record<string, unknown>)[path];
  const segments = path.split(".");
  let current: unknown = source;
  for (let i = 0; i < segments.length; i++) {
    if (current === null || typeof current !== "object") return undefined;
    let key = segments[i]!;
    let j = i;
    while (!(key in current) && j < segments.length - 1) key += `.${segments[++j]}`;
    if (!(key in current)) return undefined;
    current = (current as Record<string, unknown>)[key];
    i = j;
  }
  return current;
}
