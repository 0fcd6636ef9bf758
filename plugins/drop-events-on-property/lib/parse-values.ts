/** The comma-separated `property_values`, trimmed, empty pieces left out (`"a, b,"` -> `["a", "b"]`). */
export function parseValues(raw: unknown): string[] {
  if (typeof raw !== "string") return [];
  return raw
    .split(",")
    .map((piece) => piece.trim())
    .filter(Boolean);
}
