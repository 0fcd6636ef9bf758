/** The `discardLibs` list: split on commas, trimmed, lower-cased, blanks left out; empty when unset. */
export function parseLibs(raw: unknown): string[] {
  if (typeof raw !== "string") return [];
  return raw
    .split(",")
    .map((lib) => lib.trim().toLowerCase())
    .filter(Boolean);
}
