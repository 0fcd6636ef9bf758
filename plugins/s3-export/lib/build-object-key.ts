/**
 * `<prefix><YYYY-MM-DD>/<YYYYMMDD>-<HHMMSS.mmmZ>-<16 hex>.jsonl` (+ `.gz` / `.br`) for an upload at `now`.
 *
 * @example
 * buildObjectKey("posthog/", new Date("2024-03-05T10:15:20.123Z"), "a1b2c3d4e5f60718", "none")
 * // "posthog/2024-03-05/20240305-101520.123Z-a1b2c3d4e5f60718.jsonl"
 */
export function buildObjectKey(prefix: string, now: Date, suffix: string, compression: "gzip" | "brotli" | "none"): string {
  const [day, time] = now.toISOString().split("T") as [string, string];
  const extension = compression === "gzip" ? ".gz" : compression === "brotli" ? ".br" : "";
  return `${prefix}${day}/${day.replace(/-/g, "")}-${time.replace(/:/g, "")}-${suffix}.jsonl${extension}`;
}
