/**
 * `created_at` in seconds: a numeric timestamp is taken as seconds; a parseable date is floored to seconds;
 * else `sent_at`; else now. (The original sent `Number("2024-…Z")`, i.e. null.)
 */
export function toSeconds(timestamp: unknown, sentAt: unknown, now: number): number {
  const parsed = parseSeconds(timestamp) ?? parseSeconds(sentAt);
  return parsed ?? Math.floor(now / 1000);
}

function parseSeconds(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const numeric = Number(value);
  if (Number.isFinite(numeric)) return numeric;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
