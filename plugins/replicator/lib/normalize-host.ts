/** `host` as a bare host name: a leading `http://` / `https://` and trailing slashes are stripped. */
export function normalizeHost(raw: string): string {
  return raw.trim().replace(/^https?:\/\//i, "").replace(/\/+$/, "");
}
