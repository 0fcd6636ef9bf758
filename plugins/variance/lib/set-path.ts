// lodash's property-path grammar: `a.b`, `a[0]`, `a["b.c"]`.
const PROP_NAME = /[^.[\]]+|\[(?:([^"'][^[]*)|(["'])((?:(?!\2)[^\\]|\\.)*?)\2)\]|(?=(?:\.|\[\])(?:\.|\[\]|$))/g;
const ESCAPE_CHAR = /\\(\\)?/g;
const INDEX = /^(?:0|[1-9]\d*)$/;

/** Splits a lodash path (`context.page.url`, `a[0].b`) into keys. */
export function toPath(path: string): string[] {
  const keys: string[] = [];
  if (path.startsWith(".")) keys.push("");
  path.replace(PROP_NAME, (match: string, index?: string, quote?: string, quoted?: string) => {
    keys.push(quote ? quoted!.replace(ESCAPE_CHAR, "$1") : (index ?? match));
    return match;
  });
  return keys;
}

/** lodash `set`: writes `value` at `path`, creating objects (or arrays before an index key) on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = toPath(path);
  let node: Record<string, unknown> = target;
  for (const [i, key] of keys.entries()) {
    // Never write through inherited keys (prototype pollution): the whole write is skipped.
    if (!Object.hasOwn(node, key) && key in node) return;
    if (i === keys.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (typeof next !== "object" || next === null) node[key] = INDEX.test(keys[i + 1]!) ? [] : {};
    node = node[key] as Record<string, unknown>;
  }
}
