/**
 * The date `$time` stands for, read as seconds since the Unix epoch (fractions allowed), or null when
 * it is falsy, not numeric in the loose JavaScript sense (`isNaN`), or out of the Date range.
 */
export function readEpochSeconds(time: unknown): Date | null {
  if (!time || typeof time === "object" || typeof time === "boolean" || Number.isNaN(Number(time))) return null;
  const date = new Date(Number(time) * 1000);
  return Number.isNaN(date.getTime()) ? null : date;
}
