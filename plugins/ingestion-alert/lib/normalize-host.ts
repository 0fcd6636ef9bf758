/** Strips trailing slashes and adds `https://` when the host has no http(s) protocol. */
export function normalizeHost(host: string): string {
  const trimmed = host.trim().replace(/\/+$/, "");
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}
