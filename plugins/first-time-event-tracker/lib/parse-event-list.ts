/** The event names of a comma-separated list, trimmed, empty entries left out (absent -> none). */
export function parseEventList(list: unknown): Set<string> {
  if (typeof list !== "string") return new Set();
  return new Set(list.split(",").map((name) => name.trim()).filter(Boolean));
}
