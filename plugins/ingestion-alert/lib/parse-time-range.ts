/** Minutes of `timeRange`; throws unless it is a positive integer (the original crashed every minute instead). */
export function parseTimeRange(value: unknown): number {
  const text = String(value ?? "").trim();
  const minutes = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(minutes) || minutes <= 0) throw new Error("timeRange must be a positive number of minutes");
  return minutes;
}
