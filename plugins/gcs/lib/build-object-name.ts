/**
 * `<YYYY-MM-DD>/<YYYYMMDD>-<HHMMSS.mmmZ>-<16 hex>.csv` for an upload at `now`.
 *
 * @example
 * buildObjectName(new Date("2024-03-05T10:15:20.123Z"), "0011223344556677") // "2024-03-05/20240305-101520.123Z-0011223344556677.csv"
 */
export function buildObjectName(now: Date, suffix: string): string {
  const [day, time] = now.toISOString().split("T") as [string, string];
  return `${day}/${day.replace(/-/g, "")}-${time.replace(/:/g, "")}-${suffix}.csv`;
}
