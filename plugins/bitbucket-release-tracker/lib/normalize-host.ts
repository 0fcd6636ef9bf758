/** `https://` added when the value has no `http`, trailing slashes removed, empty means `fallback`. */
export function normalizeHost(value: string | undefined, fallback: string): string {
  const trimmed = (value ?? "").trim().replace(/\/+$/, "");
  if (!trimmed) return fallback;
  return trimmed.includes("http") ? trimmed : `https://${trimmed}`;
}
