/**
 * Normalises a URL: lower-cases the whole text, parses it (WHATWG), removes exactly one trailing `/`
 * from the path and serialises it again (so default ports go, hosts are IDNA-normalised, spaces are
 * percent-encoded and a missing root path becomes `/`).
 *
 * @throws Error `Unable to normalize invalid URL: "<url>"` for a non-string or unparsable value
 */
export function normalizeUrl(value: unknown): string {
  if (typeof value !== "string") throw invalidUrl(value);
  let url: URL;
  try {
    url = new URL(value.toLocaleLowerCase());
  } catch {
    throw invalidUrl(value);
  }
  if (url.pathname.endsWith("/")) url.pathname = url.pathname.slice(0, -1);
  return url.toString();
}

/** Built only on failure: an Error captures a stack trace, too costly to make for every event. */
function invalidUrl(value: unknown): Error {
  return new Error(`Unable to normalize invalid URL: "${String(value)}"`);
}
