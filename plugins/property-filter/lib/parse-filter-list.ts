/** The comma-separated `properties` config, each entry trimmed, empty entries (and a missing value) left out. */
export function parseFilterList(raw: unknown): string[] {
  if (typeof raw !== "string") return [];
  return raw
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}
