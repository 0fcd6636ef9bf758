/** The comma-separated property names, trimmed; blanks and a missing value give no targets. */
export function parseTargets(raw: unknown): string[] {
  if (typeof raw !== "string") return [];
  return raw
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
}
