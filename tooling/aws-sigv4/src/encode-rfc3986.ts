/**
 * Percent-encodes everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - _ . ~`), as SigV4 requires.
 *
 * @example
 * encodeRfc3986("a b*c") // "a%20b%2Ac"
 */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
